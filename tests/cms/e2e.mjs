// Drives Decap CMS in headless Chromium, as an editor would, against a copy of
// the site served with its local backend (decap-server, git mode): writes a
// news item in Azerbaijani and English with a photo and its text
// alternative, edits an existing page, and publishes both through the
// editorial workflow (save → ready → publish, which merges the branch).
// run.sh then checks and builds what was written.
//
//   node e2e.mjs <public-dir> <decap-dist-dir> <photo-to-write.jpg> [screenshot-dir]
//
// The page is served with the site's own `_headers` (tests/audit/server.mjs),
// so Decap runs under the /admin/ Content-Security-Policy the build wrote; a
// CSP violation or an uncaught error fails the run. Decap's script is asked
// for at unpkg, as in production, and answered from the npm package of the
// same version, so its Subresource Integrity hash is checked too.
import { chromium } from 'playwright-core';
import path from 'node:path';
import fs from 'node:fs';
import { startServer } from '../audit/server.mjs';

const [publicDir, dist, photo, shots] = process.argv.slice(2);
if (!publicDir || !dist || !photo) {
  console.error('usage: node e2e.mjs <public-dir> <decap-dist-dir> <photo> [screenshot-dir]');
  process.exit(2);
}
if (shots) fs.mkdirSync(shots, { recursive: true });

const problems = [];
const srv = await startServer({ root: publicDir });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
const ctx = await browser.newContext({ viewport: { width: 1100, height: 720 }, locale: 'en-US', timezoneId: 'UTC' });
await ctx.route('https://unpkg.com/decap-cms@*/dist/**', (route) => {
  const name = path.basename(new URL(route.request().url()).pathname);
  route.fulfill({
    path: path.join(dist, name),
    headers: { 'access-control-allow-origin': '*', 'content-type': 'text/javascript; charset=utf-8' },
  });
});
const page = await ctx.newPage();
page.setDefaultTimeout(30_000);
// The photo to upload: a JPEG the browser paints, so no picture lives in the repository.
await page.setContent('<body style="margin:0;background:linear-gradient(135deg,#f6a623,#2e7d32)"></body>');
await page.screenshot({ path: photo, type: 'jpeg', quality: 70, clip: { x: 0, y: 0, width: 640, height: 400 } });
page.on('pageerror', (e) => problems.push(`uncaught error: ${e.message}`));
page.on('console', (m) => {
  const t = m.text();
  if (/Content Security Policy|integrity/i.test(t)) problems.push(`console: ${t}`);
});

// Decap asks "are you sure?" before publishing; the editor says yes.
page.on('dialog', (d) => d.accept());
const shot = async (name) => {
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`) });
};
const step = (s) => console.log(`cms: ${s}`);

try {
  step('log in (local backend)');
  await page.goto(`${srv.url}/admin/`);
  await page.getByRole('button', { name: 'Login' }).waitFor();
  await shot('01-login');
  await page.getByRole('button', { name: 'Login' }).click();
  await page.getByText('Xəbərlər').first().waitFor();
  await shot('02-collections');

  step('new news item in az and en');
  await page.goto(`${srv.url}/admin/#/collections/news/new`);
  const az = page.locator('#title-field-1');
  await az.waitFor();
  const paneOf = async (n) => {
    // Two editor panes: the default language on the left, another on the right.
    const ids = await page.$$eval('input[id^="title-field-"]', (els) => els.map((e) => e.id));
    return ids[n].replace('title-field-', '');
  };
  const left = Number(await paneOf(0));
  const right = Number(await paneOf(1));
  const id = (name, base) => {
    const order = ['title', 'description', 'date', 'updated', 'slug', 'weight', 'draft', 'image', 'image_alt', 'body'];
    return `#${name}-field-${base + order.indexOf(name)}`;
  };
  await page.fill(id('title', left), 'Gəncədə yeni ailə evi');
  await page.fill(id('description', left), 'Gəncə SOS Uşaq Kəndində yeni ailə evi açıldı.');
  await page.fill(id('date', left), '2026-11-20');
  await page.fill(id('title', right), 'A new family house in Ganja');
  await page.fill(id('description', right), 'A new family house opened at the Ganja SOS Children\'s Village.');
  await page.fill(id('slug', right), 'new-family-house-ganja');
  const bodies = page.locator('[role="textbox"][contenteditable="true"]');
  await bodies.nth(0).click();
  await page.keyboard.type('Gəncə SOS Uşaq Kəndində səkkiz uşaq üçün yeni ev açıldı.');
  await bodies.nth(1).click();
  await page.keyboard.type('A new house for eight children opened at the Ganja village.');

  // Russian too, so that the site has every language of the new page and
  // `check --strict` has nothing to warn about.
  step('and in ru');
  // The right pane's language menu does nothing in Decap 3.16 (it is given no
  // handler); the left pane's works: write Russian there, then go back to az.
  await page.getByRole('button', { name: 'Writing in AZ' }).click();
  await page.getByText(/^ru$/i).last().click();
  await page.getByRole('button', { name: 'Writing in RU' }).waitFor();
  const ru = Number(await paneOf(0));
  await page.fill(id('title', ru), 'Новый семейный дом в Гяндже');
  await page.fill(id('slug', ru), 'novyj-dom-gyandzha');
  await page.fill(id('image_alt', ru), 'Дети перед новым домом');
  await bodies.nth(0).click();
  await page.keyboard.type('В детской деревне в Гяндже открылся новый дом для восьми детей.');
  await page.getByRole('button', { name: 'Writing in RU' }).click();
  await page.getByText(/^az$/i).last().click();
  await page.getByRole('button', { name: 'Writing in AZ' }).waitFor();
  const az2 = Number(await paneOf(0));

  step('upload a photo with its text alternative');
  await page.getByRole('button', { name: 'Choose an image' }).first().click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('Upload', { exact: true }).click();
  await (await chooser).setFiles(photo);
  await page.getByRole('button', { name: /Choose selected/i }).waitFor();
  await shot('04-photo');
  await page.getByRole('button', { name: /Choose selected/i }).click();
  await page.fill(id('image_alt', az2), 'Uşaqlar yeni evin qarşısında');
  // Switching the left pane's language mounts both panes again, with new field ids.
  const en2 = Number(await paneOf(1));
  await page.fill(id('image_alt', en2), 'Children in front of the new house');
  // The photo in the text too, where readers see it: the Markdown switch of each
  // text field, then `![what it shows](file)`.
  const switches = page.locator('[role="switch"]:not([id^="draft-field-"])');
  const photos = ['Uşaqlar yeni evin qarşısında', 'Children in front of the new house'];
  for (const [n, alt] of photos.entries()) {
    await switches.nth(n).click();
    await bodies.nth(n).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type(`![${alt}](ev.jpg)`);
  }
  await page.locator(id('title', az2)).scrollIntoViewIfNeeded();
  await shot('03-news-item');

  step('preview');
  // With the second language's pane closed, the right side can show the preview.
  await page.getByTitle('Toggle i18n').click();
  await page.getByTitle('Toggle preview').click();
  await page.frameLocator('iframe').first().getByText('Gəncədə yeni ailə evi').first().waitFor();
  await shot('06-preview');
  await page.getByTitle('Toggle preview').click();
  await page.getByTitle('Toggle i18n').click();

  step('save, mark ready, publish');
  await publish(page, shot);

  step('edit an existing page');
  // A fresh load: going by the address alone keeps the last entry's form.
  await page.goto(`${srv.url}/admin/#/collections/programmes/entries/youth-house`);
  await page.reload();
  await page.getByText('Gənclər Evi').first().waitFor();
  const ids = await page.$$eval('input[id^="description-field-"], textarea[id^="description-field-"]', (els) => els.map((e) => e.id));
  await page.fill(`#${ids[1]}`, 'Young people who grew up in SOS families learn to live on their own here.');
  await publish(page, null);
} catch (e) {
  problems.push(`step failed: ${e.message.split('\n')[0]}`);
  await shot('failure');
}

async function publish(page, shot) {
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(/^Status: Draft$/).waitFor();
  await page.getByText(/^Status: Draft$/).click();
  await page.getByText(/^Ready$/).last().click();
  await page.getByText(/^Status: Ready$/).waitFor();
  await page.getByText(/^Publish$/).first().click();
  if (shot) await shot('05-publish');
  await page.getByText(/^Publish now$/).last().click();
  await page.getByText(/Entry published/i).first().waitFor();
}

await browser.close();
await srv.close();
if (problems.length) {
  for (const p of problems) console.error(`cms: FAIL ${p}`);
  process.exit(1);
}
console.log('cms: the editor wrote and published both changes');
