import { defineConfig } from '@playwright/test';
import { chromiumExecutable } from './tests/e2e/support/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'off',
    viewport: { width: 1280, height: 800 },
  },
  projects: [
    {
      name: 'chromium',
      testMatch: 'browser/**/*.spec.ts',
      use: { browserName: 'chromium', launchOptions: chromiumExecutable() },
    },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
