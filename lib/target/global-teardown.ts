/** Jest global teardown of the conformance project: stops the embedded server. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__CONSOLE_EMBEDDED_SERVER__?.close();
  globalThis.__CONSOLE_EMBEDDED_SERVER__ = undefined;
}
