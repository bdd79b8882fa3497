/** Removes the test server's temporary data folder when the end-to-end run is over. */
import { rm } from 'node:fs/promises';

export default function globalSetup(): () => Promise<void> {
  const dir = process.env.COUNTERSIGN_E2E_DATA_DIR;
  return async () => {
    if (dir && !process.env.KEEP_E2E_DATA) await rm(dir, { recursive: true, force: true });
  };
}
