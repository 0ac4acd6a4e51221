// Accessibility + runtime audit of every page of a built site in headless Chromium.
//
//   node tests/audit/axe.mjs [site-dir] [--json FILE] [--only /path/,/other/]
//
// For each page (every .html file; `x/index.html` is loaded as `/x/`) it runs,
// in three modes — 375px light (phone), 1280px light, 1280px dark —
//   * axe-core with the WCAG 2.0/2.1/2.2 A+AA and best-practice tags;
//   * a watch on the console (any error), uncaught page errors, Content-
//     Security-Policy violations (console "Refused to ..." / "violates the
//     following Content Security Policy directive" messages and
//     `securitypolicyviolation` DOM events), HTTP responses >= 400, failed
//     requests, and any request that leaves the audit server's origin.
// Redirect stubs (<meta http-equiv="refresh">) are not loaded; their target
// is checked to exist instead (for relative / root-relative targets).
// A missing deep URL is also loaded once, to check that the 404 page's own
// assets load when it is served from any depth.
//
// The site is served by server.mjs, which applies the site's `_headers`
// (so the real CSP is enforced). axe-core is injected as a Playwright init
// script (DevTools protocol), which the page's CSP does not govern (a
// page.addScriptTag would add an inline <script> that `script-src 'self'`
// blocks). CSP reports raised by axe's own work are ignored.
// AUDIT_CONCURRENCY (default 2) sets how many pages are checked at once.
//
// Ends with `axe: V violations on N pages` (+ a line for runtime findings).
// Exit status: 0 clean, 1 findings, 2 the audit could not run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { AUDIT_DIR, MODES, launchBrowser, contextOptions, listPages, pool, siteDirArg } from './common.mjs';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const AXE_PATH = path.join(AUDIT_DIR, 'node_modules', 'axe-core', 'axe.min.js');
const NAV_TIMEOUT = 30_000;
const MAX_NODES_SHOWN = 10;

// Runs in every document before any of its own scripts.
const INIT_SCRIPT = `(() => {
  const list = [];
  Object.defineProperty(window, '__auditCsp', { value: list, enumerable: false });
  document.addEventListener('securitypolicyviolation', (e) => {
    list.push({
      directive: e.effectiveDirective || e.violatedDirective,
      blocked: e.blockedURI,
      source: e.sourceFile,
      line: e.lineNumber,
      column: e.columnNumber,
      sample: e.sample,
      disposition: e.disposition,
    });
  }, true);
})();`;

function parseRefreshTarget(html) {
  const m = html.match(/<meta\b[^>]*\bcontent\s*=\s*(["'])([^"']*)\1[^>]*>/gi) || [];
  for (const tag of m) {
    if (!/http-equiv\s*=\s*["']?\s*refresh/i.test(tag)) continue;
    const c = tag.match(/\bcontent\s*=\s*(["'])([^"']*)\1/i)[2];
    const u = c.match(/url\s*=\s*['"]?([^'"]+)/i);
    return u ? u[1].trim() : null;
  }
  return null;
}

// One reusable tab per (worker, mode); its listeners report into `slot.sink`,
// which is swapped for a fresh array before every navigation.
async function openSlot(ctx, origin) {
  const slot = { page: await ctx.newPage(), sink: [] };
  const add = (s) => { if (!slot.sink.includes(s)) slot.sink.push(s); };
  const page = slot.page;
  page.on('console', (msg) => {
    const t = msg.type();
    const text = msg.text();
    const loc = msg.location();
    const where = loc && loc.url ? ` (${loc.url.replace(origin, '')}:${loc.lineNumber + 1})` : '';
    // axe-core's own work (e.g. re-parsing a stylesheet that failed to load)
    // can trip the page's CSP; the underlying problem is reported separately.
    if (loc && loc.url && loc.url.endsWith('axe.min.js')) return;
    // The deliberate 404 probe: its own status is expected.
    if (slot.expect404 && loc && loc.url === slot.expect404 && /status of 404/.test(text)) return;
    if (/Content[ -]Security[ -]Policy/i.test(text)) add(`CSP violation (console ${t}): ${text}${where}`);
    else if (/Refused to/i.test(text)) add(`blocked by the browser (console ${t}): ${text}${where}`);
    else if (t === 'error' || t === 'assert') add(`console ${t}: ${text}${where}`);
  });
  page.on('pageerror', (err) => add(`uncaught page error: ${err.message}`));
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(origin + '/') && !/^(data|blob|about):/.test(u)) add(`request leaves the site: ${req.method()} ${u}`);
  });
  page.on('requestfailed', (req) => {
    const u = req.url();
    if (u.startsWith(origin + '/')) add(`request failed: ${u.replace(origin, '')} (${req.failure()?.errorText})`);
  });
  page.on('response', (resp) => {
    if (resp.status() >= 400 && resp.url() !== slot.expect404) add(`HTTP ${resp.status()} for ${resp.url().replace(origin, '')}`);
  });
  page.on('crash', () => add('page crashed'));
  slot.add = add;
  return slot;
}

async function auditPage(slot, origin, pageInfo, mode) {
  slot.sink = [];
  const { page, add } = slot;
  let violations = [];
  try {
    const resp = await page.goto(pageInfo.url, { waitUntil: 'load', timeout: NAV_TIMEOUT });
    if (!resp) add('navigation returned no response');
    // Let web fonts, layout and queued securitypolicyviolation events settle.
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)))));
    const cspBeforeAxe = await page.evaluate(() => (window.__auditCsp || []).length);
    violations = await page.evaluate(async (tags) => {
      if (typeof window.axe === 'undefined') throw new Error('axe-core was not injected');
      const res = await window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return res.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary, html: n.html })),
      }));
    }, AXE_TAGS);
    const csp = (await page.evaluate(() => window.__auditCsp || []))
      // Reports raised while axe ran and not attributed to a page resource are axe's own.
      .filter((v, i) => i < cspBeforeAxe || (v.source && !v.source.endsWith('axe.min.js')));
    for (const v of csp) {
      add(`CSP violation (securitypolicyviolation event): ${v.disposition} ${v.directive} blocked ${v.blocked || '(none)'}`
        + ` at ${(v.source || '').replace(origin, '')}:${v.line}:${v.column}${v.sample ? ` sample: ${JSON.stringify(v.sample)}` : ''}`);
    }
  } catch (e) {
    add(`audit error: ${e.message.split('\n')[0]}`);
    slot.broken = true;
  }
  return { url: pageInfo.url, mode, violations, runtime: slot.sink };
}

export async function auditSite(siteDir, { only = null, concurrency = 2 } = {}) {
  let pages = listPages(siteDir);
  if (only) pages = pages.filter((p) => only.includes(p.url));
  const stubs = pages.filter((p) => p.redirect);
  const real = pages.filter((p) => !p.redirect);

  const srv = await startServer({ root: siteDir });
  const browser = await launchBrowser();
  const modes = Object.keys(MODES);
  const contexts = {};
  const results = [];
  const stubFindings = [];
  try {
    for (const m of modes) {
      const ctx = await browser.newContext(contextOptions(m, srv.url));
      // Init scripts run in every document before its own scripts and are not
      // subject to the page's CSP. Injecting axe here (instead of
      // page.addScriptTag, which adds an inline <script> that a strict CSP
      // blocks) also lets V8 reuse its compiled code across navigations.
      await ctx.addInitScript({ content: INIT_SCRIPT });
      await ctx.addInitScript({ path: AXE_PATH });
      contexts[m] = ctx;
    }
    const slots = [];
    const getSlot = async (w, m) => {
      slots[w] ??= {};
      if (!slots[w][m] || slots[w][m].broken) {
        if (slots[w][m]) await slots[w][m].page.close().catch(() => {});
        slots[w][m] = await openSlot(contexts[m], srv.url);
      }
      return slots[w][m];
    };
    const done = await pool(real, concurrency, async (p, _i, w) => {
      const out = [];
      for (const m of modes) out.push(await auditPage(await getSlot(w, m), srv.url, p, m));
      return out;
    });
    results.push(...done.flat());

    // The 404 page is served for any missing URL, at any depth: its assets
    // must load from there too (root-relative links). Runtime checks only.
    if (!only && fs.existsSync(path.join(siteDir, '404.html'))) {
      const missing = '/__audit-missing__/deep/page/';
      const slot = await getSlot(0, '1280');
      slot.expect404 = srv.url + missing;
      const r = await auditPage(slot, srv.url, { url: missing }, '1280');
      slot.expect404 = null;
      results.push({ ...r, violations: [] });
    }

    for (const s of stubs) {
      const target = parseRefreshTarget(fs.readFileSync(s.abs, 'utf8'));
      if (!target) { stubFindings.push(`${s.url}: redirect stub without a url= target`); continue; }
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // absolute: not checkable here
      const u = new URL(target, srv.url + s.url);
      const r = await fetch(u, { method: 'GET', redirect: 'follow' });
      if (r.status !== 200) stubFindings.push(`${s.url}: redirect target ${target} answers HTTP ${r.status}`);
    }
  } finally {
    for (const c of Object.values(contexts)) await c.close().catch(() => {});
    await browser.close().catch(() => {});
    await srv.close();
  }
  return { pages: real, stubs, results, stubFindings };
}

function report({ pages, stubs, results, stubFindings }) {
  // Group identical failures (same page, rule and targets) across modes.
  const groups = new Map();
  for (const r of results) {
    for (const v of r.violations) {
      const key = `${r.url}\u0000${v.id}\u0000${JSON.stringify(v.nodes.map((n) => n.target))}`;
      if (!groups.has(key)) groups.set(key, { url: r.url, v, modes: [] });
      groups.get(key).modes.push(r.mode);
    }
  }
  for (const { url, v, modes } of groups.values()) {
    console.log(`${url} [${modes.join(', ')}] ${v.id} (${v.impact}): ${v.help}`);
    console.log(`    help: ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, MAX_NODES_SHOWN)) {
      console.log(`    target: ${n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ')}`);
      const summary = (n.summary || '').split('\n').filter(Boolean).slice(0, 3).join(' / ');
      if (summary) console.log(`      ${summary}`);
      console.log(`      html: ${n.html.length > 160 ? n.html.slice(0, 157) + '...' : n.html}`);
    }
    if (v.nodes.length > MAX_NODES_SHOWN) console.log(`    ... and ${v.nodes.length - MAX_NODES_SHOWN} more`);
  }

  const runtime = new Map(); // finding -> modes, per page
  for (const r of results) {
    for (const f of r.runtime) {
      const key = `${r.url}\u0000${f}`;
      if (!runtime.has(key)) runtime.set(key, { url: r.url, f, modes: [] });
      runtime.get(key).modes.push(r.mode);
    }
  }
  for (const { url, f, modes } of runtime.values()) console.log(`${url} [${modes.join(', ')}] ${f}`);
  for (const f of stubFindings) console.log(f);

  const nViol = groups.size;
  const nRuntime = runtime.size + stubFindings.length;
  console.log(`axe: ${nViol} violations on ${pages.length} pages`
    + ` (${Object.keys(MODES).length} modes each: ${Object.keys(MODES).join(', ')}; ${stubs.length} redirect stubs skipped)`);
  console.log(`browser: ${nRuntime} console/CSP/network findings on ${pages.length} pages`);
  return nViol + nRuntime;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  let site;
  let jsonOut = null;
  let only = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') jsonOut = args[++i];
    else if (args[i] === '--only') only = args[++i].split(',');
    else site = args[i];
  }
  const siteDir = siteDirArg(site);
  const concurrency = Number(process.env.AUDIT_CONCURRENCY || 2);
  try {
    const res = await auditSite(siteDir, { only, concurrency });
    if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(res, null, 2));
    const n = report(res);
    if (res.pages.length === 0) console.log('axe: no pages found — failing');
    process.exit(n > 0 || res.pages.length === 0 ? 1 : 0);
  } catch (e) {
    console.error(`axe: could not run: ${e.stack || e}`);
    process.exit(2);
  }
}
