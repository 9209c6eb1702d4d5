/**
 * Loaded with `node --require` into the server (and so into its PGlite worker thread) where the test cannot
 * make a small filesystem of its own: while the file named by PASSBOOK_TEST_DISK_FULL exists, the worker's
 * writes fail with ENOSPC as a full disk's would, and the main thread's statfs reports no room left; once the
 * file is gone, both are real again.
 */
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const flag = process.env.PASSBOOK_TEST_DISK_FULL;
if (flag) {
  const full = () => fs.existsSync(flag);
  if (isMainThread) {
    const statfsSync = fs.statfsSync;
    fs.statfsSync = (...args) => {
      const stats = statfsSync(...args);
      return full() ? { ...stats, bavail: 0, bfree: 0 } : stats;
    };
  } else {
    const writeSync = fs.writeSync;
    fs.writeSync = (...args) => {
      if (full()) {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
          errno: -28,
        });
      }
      return writeSync(...args);
    };
  }
}
