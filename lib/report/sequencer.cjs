// jest loads a testSequencer with a plain require, not through its transform: this one module (and what it
// imports) is read the way jest.config.ts is read, with esbuild-register, which is unregistered right after.
const { register } = require('esbuild-register/dist/node');

const { unregister } = register({ target: `node${process.versions.node}` });
try {
  module.exports = require('./sequencer.ts').default;
} finally {
  unregister();
}
