import { isolate } from './isolation';

/** Jest global setup of the self-tests: their own temporary and reports folders (test/support/isolation.ts). */
export default function globalSetup(): void {
  isolate();
}
