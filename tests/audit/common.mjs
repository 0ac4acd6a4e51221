// Shared helpers for the audit scripts: walking the site, mapping files to
// URL paths, launching the system Chromium through playwright-core, and the
// viewport / colour-scheme modes every page is checked in.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const AUDIT_DIR = path.dirname(fileURLToPath(import.meta.url));

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Keep every byte on the loopback interface: no DNS for any other host, and
  // anything that is not 127.0.0.1 goes to a closed local port. (Loopback
  // addresses always bypass the proxy.) The page audit separately reports any
  // request a page makes to another origin.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
  '--proxy-server=http://127.0.0.1:9',
];

/** The modes a page is checked in. `375` is a phone (mobile viewport meta honoured). */
export const MODES = {
  375: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1, colorScheme: 'light' },
  1280: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, colorScheme: 'light' },
  '1280-dark': { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, colorScheme: 'dark' },
};

export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const { chromium } = await import('playwright-core');
  // launch() gives every run a fresh temporary user-data-dir and removes it on close.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/** Context options for a mode, pointed at the audit server. */
export function contextOptions(mode, baseURL) {
  const m = MODES[mode];
  if (!m) throw new Error(`unknown mode ${mode}`);
  return {
    ...m,
    baseURL,
    serviceWorkers: 'block',
    locale: 'en-US',
    timezoneId: 'UTC',
  };
}

/** All files under `root` (relative, POSIX separators), skipping dot-files/dirs and /admin/. */
export function walk(root) {
  const out = [];
  const rec = (dir) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      if (ent.name.startsWith('.')) continue;
      // /admin/ is the CMS (third-party UI, loaded from a CDN): tested by tests/cms/, not audited.
      if (dir === root && ent.name === 'admin') continue;
      const abs = path.join(dir, ent.name);
      if (ent.isDirectory()) rec(abs);
      else if (ent.isFile()) out.push(path.relative(root, abs).split(path.sep).join('/'));
    }
  };
  rec(root);
  return out.sort();
}

/** `index.html` -> `/`, `en/index.html` -> `/en/`, `404.html` -> `/404.html`. */
export function fileToUrlPath(rel) {
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return '/' + rel.slice(0, -'index.html'.length);
  return '/' + rel;
}

/** True for redirect stubs (alias pages): `<meta http-equiv="refresh" ...>`. */
export function isRedirectStub(html) {
  return /<meta\b[^>]*\bhttp-equiv\s*=\s*["']?\s*refresh\b/i.test(html);
}

/** Every HTML page of the site: [{ file, abs, url, redirect }]. */
export function listPages(root) {
  return walk(root)
    .filter((f) => /\.html?$/i.test(f))
    .map((file) => {
      const abs = path.join(root, file);
      return { file, abs, url: fileToUrlPath(file), redirect: isRedirectStub(fs.readFileSync(abs, 'utf8')) };
    });
}

/** `/` -> `home`, `/en/` -> `en-home`, `/en/about/` -> `en-about`, `/404.html` -> `404`. */
export function slugForPath(p) {
  let s = p.split(/[?#]/)[0].replace(/\.html?$/i, '').replace(/\/index$/, '/');
  const segs = s.split('/').filter(Boolean);
  if (segs.length === 0) return 'home';
  s = segs.join('-').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'page';
  // A language root such as /en/ or /pt-BR/ gets "-home", like the site root.
  if (segs.length === 1 && /^[a-z]{2}(-[a-z]{2,4})?$/i.test(segs[0])) s += '-home';
  return s;
}

/** Run `fn(item, index, workerNo)` with at most `n` in flight; results keep input order. */
export async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async (w) => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i, w);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, (_, w) => worker(w)));
  return results;
}

/** Resolve the site folder argument (default `public`) against the caller's cwd. */
export function siteDirArg(arg) {
  const dir = path.resolve(arg || 'public');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    console.error(`site folder not found: ${dir}`);
    process.exit(2);
  }
  return dir;
}
