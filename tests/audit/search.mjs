// Site search as a reader uses it, in headless Chromium.
//
//   node tests/audit/search.mjs [site-dir]
//
// For each language: opens a page, types a query into the header's search field
// and presses Enter (a plain GET to the language's search page), then types
// another query on the search page itself; each time the first result must be
// the expected page, the live region must say how many were found, and axe must
// find no violation with the results shown (at 375 px and 1280 px). The first
// result's excerpt, made from its page fetched by the script, must arrive with a
// matched word marked. Any console error, CSP violation or failed request is a
// finding too.
// Exit status: 0 all good, 1 a finding, 2 could not run.
import path from 'node:path';
import { startServer } from './server.mjs';
import { launchBrowser, contextOptions, siteDirArg, AUDIT_DIR } from './common.mjs';

const AXE_PATH = path.join(AUDIT_DIR, 'node_modules', 'axe-core', 'axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// [language, a page to start from, header query, its first result, search page, query there, its first result]
const CASES = [
  ['az', '/', 'gencler evi', '/proqramlar/gencler-evi/', '/axtaris/', 'İCTİMAİ VƏKİLLİK', '/proqramlar/ictimai-vekillik/'],
  ['en', '/en/', 'youth house', '/en/programmes/youth-house/', '/en/search/', 'advocacy', '/en/programmes/advocacy/'],
  ['ru', '/ru/', 'молодежный дом', '/ru/programmy/molodezhnyi-dom/', '/ru/poisk/', 'АДВОКАЦИЯ', '/ru/programmy/advokatsiia/'],
];

const siteDir = siteDirArg(process.argv[2]);
const findings = [];
const srv = await startServer({ root: siteDir });
const browser = await launchBrowser();

/** The first result's address once the live region has spoken. */
async function firstResult(page) {
  await page.waitForFunction(() => (document.querySelector('[data-search-status]')?.textContent || '').trim() !== '', null, { timeout: 15_000 });
  const status = (await page.locator('[data-search-status]').textContent()).trim();
  const href = await page.locator('[data-search-results] li a').first().getAttribute('href', { timeout: 2_000 }).catch(() => null);
  return { status, href };
}

async function axe(page) {
  return page.evaluate(async (tags) => {
    const res = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return res.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }, AXE_TAGS);
}

try {
  for (const mode of ['375', '1280']) {
    const ctx = await browser.newContext(contextOptions(mode, srv.url));
    await ctx.addInitScript({ path: AXE_PATH });
    const page = await ctx.newPage();
    const runtime = [];
    page.on('console', (m) => { if (m.type() === 'error') runtime.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => runtime.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => runtime.push(`request failed: ${r.url()}`));
    page.on('response', (r) => { if (r.status() >= 400) runtime.push(`HTTP ${r.status()} for ${r.url()}`); });
    for (const [lang, start, q1, want1, searchPage, q2, want2] of CASES) {
      const bad = (what) => findings.push(`${lang} @${mode}: ${what}`);
      await page.goto(start, { waitUntil: 'load' });
      const field = page.locator('header form[role=search] input[type=search]');
      if (!(await field.count())) { bad(`no search field in the header of ${start}`); continue; }
      // On a phone the field may sit under the brand; it must still be reachable.
      await field.fill(q1);
      await Promise.all([page.waitForURL((u) => u.pathname === searchPage), field.press('Enter')]);
      let r = await firstResult(page);
      if (r.href !== want1) bad(`header query ${JSON.stringify(q1)}: first result ${r.href}, expected ${want1} (status: ${r.status})`);
      if (!/\d/.test(r.status)) bad(`the live region does not give a count: ${JSON.stringify(r.status)}`);
      if (await page.locator('[data-search-nojs]').isVisible()) bad('the "JavaScript is off" note shows while JavaScript runs');
      const input = page.locator('#search-q');
      await input.fill('');
      await page.evaluate(() => { document.querySelector('[data-search-status]').textContent = ''; });
      await input.pressSequentially(q2, { delay: 20 });
      await input.press('Enter');
      r = await firstResult(page);
      if (r.href !== want2) bad(`search page query ${JSON.stringify(q2)}: first result ${r.href}, expected ${want2} (status: ${r.status})`);
      const first = page.locator('[data-search-results] li').first();
      if ((await first.locator('h2 mark').count()) === 0) bad('the first result marks no matched word in its title');
      const excerpt = first.locator('p');
      await excerpt.waitFor({ timeout: 10_000 }).catch(() => {});
      if (!(await excerpt.count())) bad(`the first result of ${JSON.stringify(q2)} shows no excerpt from its page`);
      else if ((await excerpt.locator('mark').count()) === 0) bad(`the excerpt of ${JSON.stringify(q2)}'s first result marks no matched word: ${JSON.stringify(await excerpt.textContent())}`);
      for (const v of await axe(page)) bad(`axe: ${v}`);
    }
    for (const x of runtime) findings.push(`@${mode}: ${x}`);
    await ctx.close();
  }
  // Without JavaScript the search page says so plainly.
  const ctx = await browser.newContext({ ...contextOptions('1280', srv.url), javaScriptEnabled: false });
  const page = await ctx.newPage();
  for (const [lang, , , , searchPage] of CASES) {
    await page.goto(searchPage, { waitUntil: 'load' });
    if (!(await page.locator('[data-search-nojs]').isVisible())) findings.push(`${lang}: without JavaScript the search page does not say so`);
  }
  await ctx.close();
} catch (e) {
  console.error(`search: could not run: ${e.stack || e}`);
  process.exitCode = 2;
} finally {
  await browser.close().catch(() => {});
  await srv.close();
}
for (const f of findings) console.log(f);
console.log(`search: ${findings.length} findings in ${CASES.length} languages at 375 and 1280 px`);
if (!process.exitCode) process.exitCode = findings.length ? 1 : 0;
