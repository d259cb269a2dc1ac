// Screenshots part of a deboil HTML report in the system Chromium, for the docs.
// Usage: node screenshot.mjs REPORT.html OUT.png PROFILE_DIR [SELECTOR]
// With SELECTOR (a CSS selector, e.g. '#d5') only that element is shot; without it,
// the top of the page (1200 x 1400).
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const [report, out, profile, selector] = process.argv.slice(2);
if (!report || !out || !profile) {
  console.error('usage: node screenshot.mjs REPORT.html OUT.png PROFILE_DIR [SELECTOR]');
  process.exit(2);
}
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1200, height: 1400 },
});
const page = context.pages()[0] ?? await context.newPage();
await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
if (selector) {
  await page.locator(selector).screenshot({ path: out });
} else {
  await page.screenshot({ path: out });
}
await context.close();
