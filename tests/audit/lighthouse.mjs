// Lighthouse on every page type of a built site, in every language, at a phone
// width and a desktop width.
//
//   node tests/audit/lighthouse.mjs [site-dir] [--out DIR] [--only /path/,/other/] [--widths 375,1280]
//
// Pages (default): one page of each type (home, section list, programme page,
// history, statistics, get help, contact, donate, dated item, 404, topic list,
// term page, long page with contents) in
// Azerbaijani, English and Russian (see TYPES below; --only replaces the list)
// at 375 px, and the Azerbaijani ones at 1280 px too (see WIDTHS; --widths picks
// some, and then every page runs at each). Readers come on phones, so the phone
// width sees every language; the desktop width sees the same templates once,
// which keeps CI under its 30 minutes (52 runs instead of 78). 375 is
// Lighthouse's mobile profile (mobile user agent, simulated slow 4G and 4x CPU
// slowdown) on a 375x812 screen; 1280 is its desktop profile (desktop user
// agent, simulated fast connection, no CPU slowdown) on a 1280x800 screen.
// The site is served by server.mjs, so the `_headers` file (incl. the strict
// CSP) applies as real response headers.
// Chromium is the system one (CHROMIUM_PATH, default /usr/bin/chromium),
// started by chrome-launcher with the same loopback-only flags as the other
// audits, afresh (new temporary profile) for every run; runs go one at a time
// (Lighthouse measures timing; two at once on a small machine skew it). A run
// whose report comes back void (a Lighthouse runtime error such as
// NO_NAVSTART, which happens now and then) is repeated, up to
// LIGHTHOUSE_RETRIES (default 2) more times.
//
// Prints a table of the four category scores per page and width and writes,
// per run, OUT/<slug>-<width>.report.json and .report.html, plus
// OUT/summary.json (OUT defaults to lighthouse-reports/ beside the site folder).
// Accessibility, Best Practices and SEO must be 100 on every run: anything
// less fails, listing the audits that did not pass with their titles and the
// elements / URLs / console messages they point at. Performance is reported
// (score and metrics, and the audits that cost it points) but not gated:
// simulated throttling on a shared 2-core machine is too noisy for a gate.
//
// Exit status: 0 all gated scores 100; 1 a gated score below 100, or none
// (Lighthouse gives a category no score when one of its weighted audits could
// not run, and no report at all after a runtime error that retries did not
// cure); 2 the audit could not run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { CHROMIUM_PATH, CHROMIUM_ARGS, siteDirArg, slugForPath } from './common.mjs';

/**
 * One page of each type the theme renders differently: [type, az, en, ru].
 * The 404 page is loaded by its file name, as the host serves it for any missing
 * URL (loaded from a missing URL it would answer 404, which Lighthouse's SEO
 * category counts against the page itself). News has no item yet, so the dated
 * item is a history milestone: the same template as a news item.
 */
export const TYPES = [
  ['home', '/', '/en/', '/ru/'],
  ['section list', '/proqramlar/', '/en/programmes/', '/ru/programmy/'],
  ['programme page', '/proqramlar/aile-esasli-qaygi/', '/en/programmes/family-based-care/', '/ru/programmy/semeinyi-ukhod/'],
  ['history', '/tariximiz/', '/en/history/', '/ru/istoriia/'],
  ['statistics', '/statistika/', '/en/statistics/', '/ru/statistika/'],
  ['get help', '/komek-almaq/', '/en/get-help/', '/ru/poluchit-pomoshch/'],
  ['contact', '/elaqe/', '/en/contact/', '/ru/kontakty/'],
  ['donate', '/iane/', '/en/donate/', '/ru/pozhertvovat/'],
  ['dated item', '/tariximiz/baki-sos-usaq-kendinin-acilisi/', '/en/history/baku-village-opens/', '/ru/istoriia/otkrytie-detskoi-derevni-sos-v-baku/'],
  ['404', '/404.html', '/en/404.html', '/ru/404.html'],
  ['search', '/axtaris/', '/en/search/', '/ru/poisk/'],
  // The topic list is left to axe and vnu (it is the term page's card list without
  // a pager); Lighthouse runs are the slowest part of CI.
  ['term page', '/movzular/alternativ-qaygi/', '/en/topics/alternative-care/', '/ru/temy/alternativnyi-ukhod/'],
  ['long page with contents', '/haqqimizda/', '/en/about/', '/ru/o-nas/'],
];
const LANGS = ['az', 'en', 'ru'];

/** The pages audited by default: [URL path, why]. */
export const PAGES = TYPES.flatMap(([type, ...paths]) => paths.map((p, i) => [p, `${type} (${LANGS[i]})`]));

/** The pages audited at the desktop width by default: the default language's. */
export const DESKTOP_PAGES = new Set(TYPES.map(([, az]) => az));

/**
 * What makes a run shorter without changing any score: no full-page screenshot,
 * no filmstrip, no back/forward-cache probe (a second navigation; all three
 * have weight 0), and half-second quiet windows instead of one second (the
 * site has no script, so nothing starts after the load event). 60 runs make
 * this worth ~3 s a run. LIGHTHOUSE_FULL=1 keeps Lighthouse's own settings.
 */
const FAST = process.env.LIGHTHOUSE_FULL === '1' ? {} : {
  disableFullPageScreenshot: true,
  skipAudits: ['bf-cache', 'screenshot-thumbnails', 'final-screenshot'],
  pauseAfterFcpMs: 500,
  pauseAfterLoadMs: 500,
  networkQuietThresholdMs: 500,
  cpuQuietThresholdMs: 500,
};

/**
 * Lighthouse settings per audited width. 375: the default (mobile) config on a
 * 375x812 phone screen; 1280: the desktop preset on a 1280x800 screen.
 */
export async function widthConfigs() {
  const { default: desktop } = await import('lighthouse/core/config/desktop-config.js');
  return {
    375: {
      extends: 'lighthouse:default',
      settings: {
        ...FAST,
        formFactor: 'mobile',
        screenEmulation: { mobile: true, width: 375, height: 812, deviceScaleFactor: 2, disabled: false },
      },
    },
    1280: {
      ...desktop,
      settings: {
        ...desktop.settings,
        ...FAST,
        screenEmulation: { mobile: false, width: 1280, height: 800, deviceScaleFactor: 1, disabled: false },
      },
    },
  };
}
export const WIDTHS = ['375', '1280'];

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
/** Categories that must score 100. */
export const GATED = ['accessibility', 'best-practices', 'seo'];
const SHORT = { performance: 'perf', accessibility: 'a11y', 'best-practices': 'best-pr', seo: 'seo' };
const PERF_METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'SI'],
];
const MAX_ITEMS_SHOWN = 10;
/** Extra runs of a page whose report came back void (a Lighthouse runtime error). */
const RETRIES = Number(process.env.LIGHTHOUSE_RETRIES ?? 2);

/** Launch the system Chromium for Lighthouse; resolves to chrome-launcher's handle ({ port, kill }). */
async function launchChrome() {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const { launch } = await import('chrome-launcher');
  // chrome-launcher adds its own quiet-profile flags and a fresh temporary
  // --user-data-dir, removed again by kill(). `--headless` is Chromium's
  // current headless mode.
  return launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: CHROMIUM_ARGS,
    logLevel: 'silent',
    handleSIGINT: true,
    maxConnectionRetries: 100, // x 500 ms: a slow, busy machine may need a while to start Chromium
  });
}

/** One line for an audit detail item: the element, URL or message it points at. */
function describeItem(item) {
  const parts = [];
  const short = (v, n = 200) => (String(v).length > n ? String(v).slice(0, n - 3) + '...' : String(v));
  for (const [k, v] of Object.entries(item)) {
    if (v == null || k === 'subItems' || k === 'type') continue;
    if (typeof v !== 'object') { parts.push(`${k}: ${short(v)}`); continue; }
    if (v.type === 'node') {
      if (v.selector) parts.push(v.selector);
      if (v.snippet) parts.push(short(v.snippet, 160));
      if (v.explanation) parts.push(v.explanation.split('\n').filter(Boolean).slice(0, 3).join(' / '));
    } else if (v.type === 'source-location' && v.url) {
      parts.push(`${k === 'sourceLocation' ? 'at' : k + ':'} ${v.url}:${(v.line ?? 0) + 1}`);
    } else if ((v.type === 'code' || v.type === 'text' || v.type === 'url') && v.value != null) {
      parts.push(`${k}: ${short(v.value)}`);
    }
  }
  for (const s of item.subItems?.items?.slice(0, 3) ?? []) {
    const d = describeItem(s);
    if (d) parts.push(`[${d}]`);
  }
  return parts.join(' — ');
}

/** Audits of a category that did not pass (score < 1) or could not run. */
function problems(lhr, categoryId) {
  const cat = lhr.categories[categoryId];
  const out = [];
  for (const ref of cat.auditRefs) {
    const a = lhr.audits[ref.id];
    if (!a) continue;
    const mode = a.scoreDisplayMode;
    if (mode === 'error') {
      out.push({ id: a.id, title: a.title, weight: ref.weight, error: a.errorMessage || 'audit error', items: [] });
    } else if ((mode === 'binary' || mode === 'numeric' || mode === 'metricSavings') && a.score !== null && a.score < 1) {
      const items = Array.isArray(a.details?.items) ? a.details.items : [];
      out.push({ id: a.id, title: a.title, weight: ref.weight, score: a.score, displayValue: a.displayValue, explanation: a.explanation, items });
    }
  }
  return out;
}

/** Run Lighthouse on every path at every width; resolves to [{ path, width, slug, url, lhr, seconds, tries }]. */
export async function auditPages(siteDir, paths, outDir, { retries = RETRIES, widths = WIDTHS, desktop = null } = {}) {
  const { default: lighthouse } = await import('lighthouse');
  const configs = await widthConfigs();
  const srv = await startServer({ root: siteDir });
  const results = [];
  try {
    for (const width of widths) {
      for (const p of paths) {
        if (desktop && width === '1280' && !desktop.has(p)) continue;
        const url = srv.url + p;
        const slug = `${slugForPath(p)}-${width}`;
        const t0 = Date.now();
        let res = null;
        let tries = 0;
        while (tries <= retries) {
          tries++;
          // A fresh browser (and profile) for every run, as the Lighthouse CLI does.
          const chrome = await launchChrome();
          try {
            res = await lighthouse(url, {
              port: chrome.port,
              output: ['json', 'html'],
              logLevel: 'error',
              onlyCategories: CATEGORIES,
            }, configs[width]);
          } finally {
            await Promise.resolve(chrome.kill()).catch(() => {});
          }
          if (!res || !res.lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
          // A run-level error (e.g. NO_NAVSTART: the trace missed the navigation)
          // voids the whole report; Lighthouse's advice is to run again.
          if (!res.lhr.runtimeError) break;
          console.log(`${p} @${width}: Lighthouse runtime error ${res.lhr.runtimeError.code} (try ${tries} of ${retries + 1})`);
        }
        const [json, html] = res.report;
        fs.writeFileSync(path.join(outDir, `${slug}.report.json`), json);
        fs.writeFileSync(path.join(outDir, `${slug}.report.html`), html);
        results.push({ path: p, width, slug, url, lhr: res.lhr, seconds: (Date.now() - t0) / 1000, tries });
      }
    }
  } finally {
    await srv.close();
  }
  return results;
}

function pad(s, n) { s = String(s); return s.length >= n ? s : s + ' '.repeat(n - s.length); }

/** Print the table and the findings; returns the number of gated failures. */
export function report(results, outDir) {
  const score = (lhr, c) => (lhr.categories[c] && lhr.categories[c].score !== null ? Math.round(lhr.categories[c].score * 100) : null);
  const name = (r) => `${r.path} @${r.width}`;
  const w = Math.max(4, ...results.map((r) => name(r).length));
  console.log(`${pad('page', w)}  ${CATEGORIES.map((c) => pad(SHORT[c], 7)).join(' ')}  ${PERF_METRICS.map(([, s]) => pad(s, 7)).join(' ')}  time`);
  for (const r of results) {
    const cells = CATEGORIES.map((c) => pad(score(r.lhr, c) ?? 'n/a', 7)).join(' ');
    const metrics = PERF_METRICS.map(([id]) => pad(r.lhr.audits[id]?.displayValue?.replace(/\u00a0/g, ' ') ?? 'n/a', 7)).join(' ');
    console.log(`${pad(name(r), w)}  ${cells}  ${metrics}  ${r.seconds.toFixed(1)}s${r.tries > 1 ? ` (${r.tries} tries)` : ''}`);
  }

  let failures = 0;
  for (const r of results) {
    if (r.lhr.runtimeError) {
      failures++;
      console.log(`${name(r)}: Lighthouse runtime error ${r.lhr.runtimeError.code}: ${r.lhr.runtimeError.message}`);
    }
    for (const w2 of r.lhr.runWarnings || []) console.log(`${name(r)}: Lighthouse warning: ${w2}`);
    for (const c of CATEGORIES) {
      const gated = GATED.includes(c);
      const s = score(r.lhr, c);
      const list = problems(r.lhr, c);
      if (gated && (s === null || s < 100)) failures++;
      if (!list.length) continue;
      const label = gated ? (s === null || s < 100 ? 'FAIL' : 'note (weight 0, score still 100)') : 'info, not gated';
      console.log(`${name(r)} ${c} ${s ?? 'n/a'} [${label}]:`);
      for (const a of list) {
        if (c === 'performance' && a.weight === 0 && !a.items.length) continue;
        const val = a.displayValue ? ` — ${a.displayValue.replace(/\u00a0/g, ' ')}` : '';
        console.log(`  ${a.id}: ${a.title}${val}${a.weight ? ` (weight ${a.weight})` : ''}`);
        if (a.error) console.log(`    could not run: ${a.error}`);
        if (a.explanation) console.log(`    ${a.explanation.split('\n')[0]}`);
        for (const it of a.items.slice(0, MAX_ITEMS_SHOWN)) {
          const d = describeItem(it);
          if (d) console.log(`    - ${d}`);
        }
        if (a.items.length > MAX_ITEMS_SHOWN) console.log(`    ... and ${a.items.length - MAX_ITEMS_SHOWN} more`);
      }
    }
  }
  const summary = results.map((r) => ({
    path: r.path,
    width: r.width,
    url: r.url,
    seconds: r.seconds,
    tries: r.tries,
    lighthouseVersion: r.lhr.lighthouseVersion,
    userAgent: r.lhr.environment?.hostUserAgent,
    formFactor: r.lhr.configSettings.formFactor,
    throttlingMethod: r.lhr.configSettings.throttlingMethod,
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(r.lhr, c)])),
    metrics: Object.fromEntries(PERF_METRICS.map(([id]) => [id, r.lhr.audits[id]?.numericValue ?? null])),
  }));
  fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  const v = results[0]?.lhr;
  const total = results.reduce((t, r) => t + r.seconds, 0);
  const perfect = results.filter((r) => CATEGORIES.every((c) => score(r.lhr, c) === 100)).length;
  console.log(`lighthouse: ${results.length} runs (${new Set(results.map((r) => r.path)).size} pages x ${new Set(results.map((r) => r.width)).size} widths) in ${total.toFixed(0)} s, `
    + `${perfect} at 100/100/100/100; ${v ? `Lighthouse ${v.lighthouseVersion}, ${v.configSettings.throttlingMethod} throttling; ` : ''}`
    + `reports in ${outDir}`);
  console.log(`lighthouse: ${failures} gated failures (${GATED.join(', ')} must be 100; performance is not gated)`);
  return failures;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  let site;
  let outDir = null;
  let only = null;
  let widths = WIDTHS;
  let widthsGiven = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') outDir = args[++i];
    else if (args[i] === '--only') only = args[++i].split(',');
    else if (args[i] === '--widths') { widths = args[++i].split(','); widthsGiven = true; }
    else if (args[i] === '-h' || args[i] === '--help') {
      console.log('usage: node lighthouse.mjs [site-dir] [--out DIR] [--only /path/,/other/] [--widths 375,1280]');
      process.exit(0);
    } else site = args[i];
  }
  const siteDir = siteDirArg(site);
  const paths = only || PAGES.map(([p]) => p);
  const unknown = widths.filter((w) => !WIDTHS.includes(w));
  if (unknown.length) {
    console.error(`lighthouse: unknown width(s) ${unknown.join(', ')}; known: ${WIDTHS.join(', ')}`);
    process.exit(2);
  }
  // Every page must exist: a renamed page should fail loudly, not be skipped.
  const missing = paths.filter((p) => {
    const f = path.join(siteDir, p.endsWith('/') ? p + 'index.html' : p);
    return !fs.existsSync(f);
  });
  if (missing.length) {
    console.error(`lighthouse: page(s) not in ${siteDir}: ${missing.join(', ')} (update PAGES in lighthouse.mjs?)`);
    process.exit(2);
  }
  outDir = path.resolve(outDir || path.join(path.dirname(siteDir), 'lighthouse-reports'));
  fs.mkdirSync(outDir, { recursive: true });
  try {
    const desktop = only || widthsGiven ? null : DESKTOP_PAGES;
    const results = await auditPages(siteDir, paths, outDir, { widths, desktop });
    const n = report(results, outDir);
    process.exit(n > 0 ? 1 : 0);
  } catch (e) {
    console.error(`lighthouse: could not run: ${e.stack || e}`);
    process.exit(2);
  }
}
