// The web suites' entry (extensionTestsPath in @vscode/test-web), bundled for the browser by
// test/e2e/run-web.mjs: this folder's browser-only suites, then the shared suites of
// ../suite that need no Node (preview.test.ts copies fixtures with fs: web-suite/preview.test.ts
// is its browser counterpart). ES module order: setup first, then each suite registers.
import './setup';
import './activation.test';
import './features.test';
import './preview.test';
import './post-preview.test';
import './rollback.test';
import './memfs.test';
import '../suite/smoke.test';
import '../suite/diagnostics.test';
import '../suite/import.test';
import '../suite/rollback.test';
import '../suite/workspace.test';

export function run(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        const passed = stats?.passes ?? 0;
        const failed = stats?.failures ?? failures;
        const skipped = stats?.pending ?? 0;
        // The closing line the runner reads: alone on its line, in exactly this shape.
        console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
        if (failures > 0) reject(new Error(`${failures} web test(s) failed`));
        else resolve();
      });
    } catch (err) {
      console.log('0 passed, 1 failed');
      reject(err);
    }
  });
}
