import { DataKeyHolder } from '../../renderer/store/at-rest/middleware';

/**
 * A data key for tests and benchmarks: fixed, so a store reopened under the same name (a reload)
 * opens what it sealed before, as the app's key from the host keystore does.
 */
export function testDataKeys(): DataKeyHolder {
  const keys = new DataKeyHolder();
  keys.set(new Uint8Array(32).map((_, i) => (i * 7 + 3) & 0xff));
  return keys;
}
