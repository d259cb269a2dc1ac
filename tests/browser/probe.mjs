// Opens a deboil HTML report in the system Chromium and prints, as JSON, what the
// rendered page shows: every document's rows with their computed style and visibility,
// and every dialog, console message, page error and request the page caused.
// Usage: node probe.mjs REPORT.html PROFILE_DIR   (PROFILE_DIR: a fresh, empty folder)
// The checks themselves are in tests/report_browser.rs.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const [report, profile] = process.argv.slice(2);
if (!report || !profile) {
  console.error('usage: node probe.mjs REPORT.html PROFILE_DIR');
  process.exit(2);
}

// The flags the issue asks for; the page's own Content-Security-Policy is bypassed, so
// that only the report's escaping stands between a fixture's text and execution.
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  bypassCSP: true,
  viewport: { width: 1280, height: 900 },
});
const page = context.pages()[0] ?? await context.newPage();
const events = { dialogs: [], console: [], pageErrors: [], requests: [] };
page.on('dialog', (dialog) => { events.dialogs.push(dialog.message()); dialog.dismiss().catch(() => {}); });
page.on('console', (message) => events.console.push(message.text()));
page.on('pageerror', (error) => events.pageErrors.push(String(error)));
page.on('request', (request) => events.requests.push(request.url()));

await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
await page.waitForTimeout(300);

const facts = await page.evaluate(() => {
  const visible = (el) => {
    if (!el) return false;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility === 'visible'
      && style.display !== 'none' && Number(style.opacity) > 0;
  };
  const row = (p) => {
    const removed = p.classList.contains('x');
    const text = p.querySelector(removed ? ':scope > del' : ':scope > span');
    const label = p.querySelector(':scope > b');
    return {
      removed,
      line: Number(p.querySelector(':scope > i')?.textContent ?? NaN),
      text: text ? text.textContent : null,
      decoration: text ? getComputedStyle(text).textDecorationLine : null,
      visible: visible(text),
      label: label ? label.textContent : null,
      labelVisible: visible(label),
      labelDecoration: label ? getComputedStyle(label).textDecorationLine : null,
      background: getComputedStyle(p).backgroundColor,
    };
  };
  const doc = (section) => {
    const summary = section.querySelector('summary');
    return {
      anchor: section.id,
      error: section.classList.contains('err'),
      heading: summary.querySelector('h2')?.textContent ?? '',
      id: summary.querySelector('h2 small')?.textContent ?? null,
      summary: summary.textContent,
      open: section.querySelector('details').open,
      rows: [...section.querySelectorAll('.rows > p')].map(row),
    };
  };
  return {
    title: document.title,
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null,
    scripts: document.querySelectorAll('script').length,
    eventHandlerAttributes: [...document.querySelectorAll('*')]
      .flatMap((el) => [...el.attributes].map((a) => a.name))
      .filter((name) => name.startsWith('on')).length,
    pageScriptRan: window.pageScriptRan === true,
    tocLinks: [...document.querySelectorAll('#contents a')].map((a) => a.getAttribute('href')),
    docs: [...document.querySelectorAll('section.doc')].map(doc),
  };
});

await context.close();
console.log(JSON.stringify({ ...facts, ...events }));
