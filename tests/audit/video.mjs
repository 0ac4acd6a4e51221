// The video component keeps its promise: opening a page with a video sends
// nothing to the video's site; pressing it loads the player (YouTube's cookie-free
// host or Vimeo's player), which the page's own _headers rule allows in a frame;
// without JavaScript the same press opens the video on its own site.
//
//   node tests/audit/video.mjs SITE        (exits 1 on a finding, 2 when no page has a video)
//
// Every page with a video is checked at 375 and 1280 px. The browser resolves no
// host but 127.0.0.1 (common.mjs), so the player's requests fail: what is checked
// is that they are made, where and when.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, contextOptions, listPages } from './common.mjs';
import { startServer } from './server.mjs';

const PLAYERS = /^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)\//;

async function checkPage(browser, origin, url, mode, problems) {
  const say = (s) => problems.push(`${url} @${mode}: ${s}`);
  const ctx = await browser.newContext(contextOptions(mode, origin));
  const page = await ctx.newPage();
  const offsite = [];
  const refused = [];
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(origin + '/') && !/^(data|blob|about):/.test(u)) offsite.push(u);
  });
  page.on('console', (msg) => {
    if (/Content[ -]Security[ -]Policy|Refused to/i.test(msg.text())) refused.push(msg.text());
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 300))));
  if (offsite.length) say(`requests before any press: ${offsite.join(', ')}`);
  if (await page.locator('iframe').count()) say('a frame is on the page before any press');
  const links = page.locator('a[data-video-embed]');
  const embed = await links.first().getAttribute('data-video-embed');
  if (!PLAYERS.test(embed || '')) say(`the player address is not a privacy-respecting one: ${embed}`);
  await links.first().click();
  const frame = page.locator('iframe.video-player');
  try {
    await frame.waitFor({ timeout: 5000 });
  } catch {
    say('pressing the video did not put its player in place');
  }
  if ((await frame.count()) && (await frame.getAttribute('src')) !== embed) say('the player is not the one the link named');
  await page.waitForTimeout(500);
  if (!offsite.some((u) => u === embed)) say(`no request for the player after the press (made: ${offsite.join(', ') || 'none'})`);
  const strays = offsite.filter((u) => u !== embed);
  if (strays.length) say(`requests other than the player's: ${strays.join(', ')}`);
  if (page.url() !== new URL(url, origin).href) say(`the press left the page for ${page.url()}`);
  for (const r of refused) say(`blocked: ${r}`);
  await ctx.close();

  // Without JavaScript the press is an ordinary link to the video's own page.
  const plain = await browser.newContext({ ...contextOptions(mode, origin), javaScriptEnabled: false });
  const p2 = await plain.newPage();
  await p2.goto(url, { waitUntil: 'load' });
  const watch = await p2.locator('a[data-video-embed]').first().getAttribute('href');
  const going = p2.waitForRequest((req) => req.url() === watch, { timeout: 5000 }).catch(() => null);
  await p2.locator('a[data-video-embed]').first().click({ noWaitAfter: true });
  if (!(await going)) say(`without JavaScript the press does not open ${watch}`);
  await plain.close();
}

export async function checkVideos(siteDir) {
  const pages = listPages(siteDir).filter((p) => !p.redirect && p.file.endsWith('.html'))
    .filter((p) => fs.readFileSync(path.join(siteDir, p.file), 'utf8').includes('data-video-embed'));
  if (!pages.length) return { pages: 0, problems: ['no page with a video'] };
  const srv = await startServer({ root: siteDir });
  const browser = await launchBrowser();
  const problems = [];
  try {
    for (const p of pages) {
      for (const mode of ['375', '1280']) await checkPage(browser, srv.url, p.url, mode, problems);
    }
  } finally {
    await browser.close();
    await srv.close();
  }
  return { pages: pages.length, problems };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const site = path.resolve(process.argv[2] || 'public');
  const { pages, problems } = await checkVideos(site);
  for (const p of problems) console.log(`video: ${p}`);
  console.log(`video: ${pages} page(s) with a video, ${problems.length} finding(s)`);
  process.exit(pages === 0 ? 2 : problems.length ? 1 : 0);
}
