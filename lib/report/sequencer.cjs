// jest loads a testSequencer with a plain require, not through its transform: this one module (and what it
// imports) is read through tsx's require hook (already there under `npm run conformance`), unregistered right after.
const { register } = require('tsx/cjs/api');

const unregister = register();
try {
  module.exports = require('./sequencer.ts').default;
} finally {
  unregister();
}
