// jest loads a testSequencer with a plain require, not through its transform: this one module (and what it
// imports) is compiled here with SWC, in process (esbuild-register started an esbuild service process that
// outlived the run), by a .ts loader installed only for this require.
const fs = require('node:fs');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const previous = Module._extensions['.ts'];
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } });
  module._compile(code, filename);
};
try {
  module.exports = require('./sequencer.ts').default;
} finally {
  if (previous) Module._extensions['.ts'] = previous;
  else delete Module._extensions['.ts'];
}
