// Full-page screenshots of a built site at 375px (phone) and 1280px, light mode.
//
//   node tests/audit/screenshot.mjs <site-dir> <out-dir> <path>...
//   node tests/audit/screenshot.mjs public /tmp/shots / /en/ /en/about/
//
// Files are named after the path: `/` -> home-375.png, `/en/` -> en-home-375.png,
// `/en/about/` -> en-about-1280.png. Add --dark to also take *-1280-dark.png.
// The site is served by server.mjs on 127.0.0.1 (with its _headers applied).
// Exit status: 0 all taken and every page answered 200, 1 otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { launchBrowser, contextOptions, slugForPath, siteDirArg } from './common.mjs';

const args = process.argv.slice(2);
const dark = args.includes('--dark');
const [site, outDir, ...paths] = args.filter((a) => a !== '--dark');
if (!site || !outDir || paths.length === 0) {
  console.error('usage: node screenshot.mjs <site-dir> <out-dir> <path>... [--dark]');
  process.exit(2);
}
const siteDir = siteDirArg(site);
fs.mkdirSync(outDir, { recursive: true });

const modes = dark ? ['375', '1280', '1280-dark'] : ['375', '1280'];
const srv = await startServer({ root: siteDir });
const browser = await launchBrowser();
let failed = 0;
try {
  for (const mode of modes) {
    const ctx = await browser.newContext(contextOptions(mode, srv.url));
    const page = await ctx.newPage();
    for (const p of paths) {
      const urlPath = p.startsWith('/') ? p : '/' + p;
      const file = path.join(outDir, `${slugForPath(urlPath)}-${mode}.png`);
      try {
        const resp = await page.goto(urlPath, { waitUntil: 'load', timeout: 30_000 });
        await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100)))));
        await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
        const status = resp ? resp.status() : 0;
        if (status !== 200) failed++;
        console.log(`${file}${status !== 200 ? `  (HTTP ${status})` : ''}`);
      } catch (e) {
        failed++;
        console.error(`${urlPath} [${mode}]: ${e.message.split('\n')[0]}`);
      }
    }
    await ctx.close();
  }
} finally {
  await browser.close().catch(() => {});
  await srv.close();
}
process.exit(failed ? 1 : 0);
