// Runner-neutral mocha entry for the end-to-end suites (extensionTestsPath).
// Loaded in the extension host by test/e2e/run.mjs (VS Code server + Chromium, offline) and by
// test/e2e/run-electron.mjs (@vscode/test-electron), so keep it free of either runner's specifics.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: Number(process.env.E2E_MOCHA_TIMEOUT_MS) || 30000,
    grep: process.env.E2E_GREP || undefined,
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise<void>((resolve, reject) => {
    if (files.length === 0) {
      console.log('0 passed, 0 failed');
      reject(new Error(`no *.test.js files in ${__dirname}: compile the suites first (tsc -b)`));
      return;
    }
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        const passed = stats?.passes ?? 0;
        const failed = stats?.failures ?? failures;
        const skipped = stats?.pending ?? 0;
        // The closing line CI reads: keep it alone on its line, in exactly this shape.
        console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
        if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
        else resolve();
      });
    } catch (err) {
      console.log('0 passed, 1 failed');
      reject(err);
    }
  });
}
