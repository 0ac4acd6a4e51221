// The main menu without JavaScript: a <details> disclosure on a phone, a plain list
// on a wide screen, operated with the keyboard alone.
//
//   node tests/audit/menu.mjs [site-dir]
//
// For each language's home page (/ and /<lang>/, where it has the main menu):
//   375 px: the wide list is hidden, the "Menu" summary is visible and reachable
//     with Tab, its links are hidden until Enter opens it, then visible and next in
//     the Tab order; Enter on the summary again closes it; the donate button stays
//     visible either way.
//   1280 px: the summary is hidden and every menu link is visible.
// Exit status: 0 all good, 1 a finding, 2 could not run.
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { launchBrowser, contextOptions, siteDirArg } from './common.mjs';

const siteDir = siteDirArg(process.argv[2]);
const homes = ['/', ...fs.readdirSync(siteDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(d.name) && fs.existsSync(path.join(siteDir, d.name, 'index.html')))
  .map((d) => `/${d.name}/`)]
  .filter((p) => fs.readFileSync(path.join(siteDir, p, 'index.html'), 'utf8').includes('class="nav-small"'));
const findings = [];
const srv = await startServer({ root: siteDir });
const browser = await launchBrowser();
try {
  for (const mode of ['375', '1280']) {
    const ctx = await browser.newContext(contextOptions(mode, srv.url));
    const page = await ctx.newPage();
    for (const home of homes) {
      const bad = (what) => findings.push(`${home} @${mode}: ${what}`);
      await page.goto(home, { waitUntil: 'load' });
      const summary = page.locator('.main-nav summary');
      const smallLinks = page.locator('.nav-small ul a');
      const wideLinks = page.locator('.nav-wide a');
      const donate = page.locator('.main-nav .nav-donate');
      const n = await wideLinks.count();
      if (n === 0) { bad('no menu links'); continue; }
      if (mode === '1280') {
        if (await summary.isVisible()) bad('the menu button shows on a wide screen');
        for (let i = 0; i < n; i++) if (!(await wideLinks.nth(i).isVisible())) bad(`menu link ${i + 1} hidden`);
        continue;
      }
      if (await wideLinks.first().isVisible()) bad('the wide menu list shows on a phone');
      if (!(await summary.isVisible())) { bad('no visible menu button'); continue; }
      if (await smallLinks.first().isVisible()) bad('menu links show before the menu is opened');
      if ((await donate.count()) && !(await donate.isVisible())) bad('the donate button is hidden');
      // Tab until the summary has focus (skip link, brand, languages come first).
      let reached = false;
      for (let i = 0; i < 12 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await summary.evaluate((el) => el === document.activeElement);
      }
      if (!reached) { bad('the menu button cannot be reached with Tab'); continue; }
      await page.keyboard.press('Enter');
      if (!(await page.locator('.nav-small').evaluate((d) => d.open))) { bad('Enter does not open the menu'); continue; }
      for (let i = 0; i < n; i++) if (!(await smallLinks.nth(i).isVisible())) bad(`menu link ${i + 1} hidden after opening`);
      await page.keyboard.press('Tab');
      const first = await smallLinks.first().evaluate((el) => el === document.activeElement);
      if (!first) bad('Tab after opening does not go to the first menu link');
      if ((await donate.count()) && !(await donate.isVisible())) bad('the donate button is hidden while the menu is open');
      await summary.focus();
      await page.keyboard.press('Enter');
      if (await page.locator('.nav-small').evaluate((d) => d.open)) bad('Enter does not close the menu again');
    }
    await ctx.close();
  }
} catch (e) {
  console.error(`menu: could not run: ${e.stack || e}`);
  process.exitCode = 2;
} finally {
  await browser.close().catch(() => {});
  await srv.close();
}
for (const f of findings) console.log(f);
console.log(`menu: ${findings.length} findings on ${homes.length} home pages at 375 and 1280 px`);
if (!process.exitCode) process.exitCode = findings.length || homes.length === 0 ? 1 : 0;
