import fs from 'node:fs';

/** Flags that keep Chromium from calling home; this machine's network refuses those connections anyway. */
const QUIET_FLAGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Debian's Chromium where it exists (Playwright's own browser download cannot run offline);
 * otherwise Playwright's bundled browser, installed with `npx playwright install chromium`.
 */
export function chromiumExecutable(): { executablePath?: string; args: string[] } {
  const candidates = [process.env.STEPWISE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (candidate): candidate is string => typeof candidate === 'string' && candidate !== '',
  );
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  return found ? { executablePath: found, args: QUIET_FLAGS } : { args: QUIET_FLAGS };
}
