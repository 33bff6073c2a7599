// Loaded first by index.ts: the browser build of mocha (it defines the global `mocha`), set up
// before any suite file registers its tests. test/e2e/run-web.mjs fills in process.env.E2E_* at bundle time.
import 'mocha/mocha';

mocha.setup({
  ui: 'tdd',
  reporter: 'spec',
  color: false,
  timeout: Number(process.env.E2E_MOCHA_TIMEOUT_MS) || 30000,
  grep: process.env.E2E_GREP || undefined,
});
