import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3210);
const recorderPort = Number(process.env.E2E_RECORDER_PORT ?? 3211);
export const e2eRecorderUrl = `http://127.0.0.1:${recorderPort}`;
// One data directory per port, so two runs on different ports do not wipe each other's data.
const dataDir = port === 3210 ? '.tmp/e2e-data' : `.tmp/e2e-data-${port}`;

/**
 * End-to-end tests in Debian's Chromium against the production build, started by the same
 * launcher as `npm start` with a throwaway data directory (fresh PostgreSQL and Meilisearch)
 * and e-mail going to the local Resend recorder.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: [
    {
      command: `tsx tests/setup/resend-recorder.ts ${recorderPort}`,
      url: `${e2eRecorderUrl}/__sent`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `rm -rf ${dataDir} && node build/server/start.js`,
      url: `http://localhost:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      env: {
        PORT: String(port),
        INSTEG_DATA_DIR: dataDir,
        RESEND_API_KEY: 're_e2e_test_key',
        RESEND_BASE_URL: e2eRecorderUrl,
        EMAIL_FROM: 'Insteg <noreply@insteg.test>',
        INSTEG_SCRYPT_COST: '12',
        NODE_ENV: 'test',
      },
    },
  ],
});
