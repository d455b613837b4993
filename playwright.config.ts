import { defineConfig } from '@playwright/test';

// E2E_PORT lets two checkouts on one machine run their journeys side by side.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${PORT}`;

// The app under test runs from the production build on a fresh embedded database of its own.
export default defineConfig({
  testDir: 'e2e',
  outputDir: '.data/playwright/results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // This machine has no outside network: stop Chromium's background calls home, which fail noisily.
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
  webServer: {
    // Idle keep-alive sockets are kept longer than any pause in a journey: with Node's 5 s default, a journey's API
    // request after a long wait on the page could go out on a socket the server was closing (ECONNRESET).
    command: `rm -rf .data/e2e && npx next start -p ${PORT} -H 127.0.0.1 --keepAliveTimeout 120000`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: {
      AF_DATA_DIR: '.data/e2e',
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: '1',
      WORKER_POLL_MS: '100',
      WORKER_HEARTBEAT_MS: '500',
    },
  },
});
