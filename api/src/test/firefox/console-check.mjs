// Walks the web console in Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core (no browser is
// downloaded: PUPPETEER_SKIP_DOWNLOAD and an explicit executablePath), for ConsoleFirefoxIT.
//
// Usage: node console-check.mjs <console base URL> <user> <password>
// Protocol with the Java test, one JSON object per stdout line:
//   {"step":"calm"}    the Alerts view is open and shows nothing firing; the test then makes an alert fire
//                      (the page must show it without a reload) and writes any line to stdin
//   {"report":{...}}   the last line: what each view showed and every console error, page error and failed
//                      request; the Java test asserts on it. Exit code 0 when the walk got through, 1 otherwise.
import puppeteer from 'puppeteer-core';
import { createInterface } from 'node:readline';

const [base, user, password] = process.argv.slice(2);
const firefox = process.env.FIREFOX || '/usr/bin/firefox-esr';
const report = { browser: null, errors: [], seen: {}, failedStep: null };
const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const stdin = createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => stdin.once('line', resolve));

let browser;
let step = 'launch';
try {
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefox,
    headless: true,
    // A fresh profile per run (puppeteer makes one in the temp dir and removes it on close).
    args: ['--width=1280', '--height=900'],
    timeout: 60_000,
  });
  report.browser = await browser.version();
  const page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'assert') {
      report.errors.push({ kind: 'console', text: m.text(), url: page.url() });
    }
  });
  page.on('pageerror', (e) => report.errors.push({ kind: 'pageerror', text: String(e && e.message || e), url: page.url() }));
  page.on('requestfailed', (r) => report.errors.push({ kind: 'requestfailed', text: r.url() + ' ' + (r.failure()?.errorText || ''), url: page.url() }));
  const text = (css) => page.$eval(css, (e) => e.innerText.trim());
  const clickAndWait = async (css, urlPart) => {
    await Promise.all([page.waitForNavigation(), page.click(css)]);
    if (urlPart && !page.url().includes(urlPart)) {
      throw new Error('expected to be at ' + urlPart + ', at ' + page.url());
    }
  };

  step = 'login';
  await page.goto(base + '/console/alerts');
  report.seen.loginUrl = page.url();
  await page.type('#user', user);
  await page.type('#password', password);
  await clickAndWait('button[type=submit]', '/console/alerts');
  report.seen.user = await text('#user');

  step = 'calm';
  report.seen.calm = await text('.calm');
  say({ step: 'calm' });
  await nextLine();

  step = 'alert fires live';
  const alert = await page.waitForFunction(() => Array.from(document.querySelectorAll('li.alert'))
      .find((e) => e.innerText.includes('checkout')), { timeout: 60_000, polling: 250 });
  report.seen.alert = await alert.evaluate((e) => e.innerText.trim());
  report.seen.alertLevel = await alert.evaluate((e) => e.className);

  step = 'alert detail';
  await clickAndWait('li.alert a.alert-summary', '/console/alert?key=');
  report.seen.detailTitle = await text('h1');
  report.seen.detailTransitions = await text('table.transitions tbody');

  step = 'silences';
  await clickAndWait('.actions a.button', '/console/silences/new');
  report.seen.silenceMatchers = await page.$eval('#matchers', (e) => e.value);
  await page.click('input[name=duration][value="1h"]');
  await page.type('#comment', 'from firefox');
  await clickAndWait('form.silence button[type=submit]', '/console/silences?created=');
  report.seen.silences = await text('main');

  step = 'targets';
  await clickAndWait('nav a[href="/console/targets"]', '/console/targets');
  await page.waitForSelector('li.target svg.sparkline');
  report.seen.targets = await text('li.target');
  report.seen.sparklineLabel = await page.$eval('li.target svg.sparkline', (e) => e.getAttribute('aria-label'));

  step = 'rules';
  await clickAndWait('nav a[href="/console/rules"]', '/console/rules');
  report.seen.rules = await text('table.rules');

  step = 'settle';
  // A few polls of a live list, so an error in the polling script would be seen too.
  await clickAndWait('nav a[href="/console/alerts"]', '/console/alerts');
  await new Promise((r) => setTimeout(r, 5_000));
  report.seen.alertsAgain = await text('main');
  step = null;
} catch (e) {
  report.failedStep = step + ': ' + (e && e.stack || e);
} finally {
  if (browser) {
    await browser.close().catch(() => {});
  }
  say({ report });
  stdin.close();
  process.exitCode = report.failedStep ? 1 : 0;
}
