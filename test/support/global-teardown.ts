import { release } from './isolation';

/** Jest global teardown of the self-tests: fails the run if a test left files behind or touched reports/. */
export default function globalTeardown(): void {
  release();
}
