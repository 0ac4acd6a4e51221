// Tiny static file server for auditing a built ocaq site.
//
// - binds to 127.0.0.1 only (never another interface)
// - "/x/" -> "x/index.html"; "/x" (a directory) -> 301 to "/x/"
// - missing files -> the site's 404.html with status 404
// - refuses path traversal (400/403) and methods other than GET/HEAD (405)
// - applies the site's `_headers` file (Netlify / Cloudflare Pages format)
//
// Library use:
//   import { startServer } from './server.mjs';
//   const srv = await startServer({ root: 'public' });   // port 0 = free port
//   console.log(srv.url);   // http://127.0.0.1:PORT
//   await srv.close();
//
// CLI use:
//   node tests/audit/server.mjs [site-dir] [--port N]
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const HOST = '127.0.0.1';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.xsl': 'application/xslt+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
};

// Files that configure the host and are never served (as on Netlify / Pages).
const HIDDEN = new Set(['/_headers', '/_redirects']);

/**
 * Parse a `_headers` file.
 * A line starting at column 0 is a URL pattern; following indented lines are
 * `Name: value`. `#` starts a comment line. Cloudflare's `! Name` (detach a
 * header set by an earlier matching block) is supported too.
 * Returns [{ pattern, regex, headers: [[name, value]...], detach: [name...] }].
 */
export function parseHeaders(text) {
  const rules = [];
  let cur = null;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (!raw.trim() || raw.trim().startsWith('#')) return;
    if (!/^\s/.test(raw)) {
      const pattern = raw.trim();
      cur = { pattern, regex: patternToRegex(pattern), headers: [], detach: [] };
      rules.push(cur);
      return;
    }
    const line = raw.trim();
    if (!cur) throw new Error(`_headers:${i + 1}: header line before any URL pattern: ${line}`);
    if (line.startsWith('!')) {
      cur.detach.push(line.slice(1).trim().toLowerCase());
      return;
    }
    const idx = line.indexOf(':');
    if (idx <= 0) throw new Error(`_headers:${i + 1}: expected "Name: value": ${line}`);
    cur.headers.push([line.slice(0, idx).trim(), line.slice(idx + 1).trim()]);
  });
  return rules;
}

/** `/*` -> any path; `:name` -> one path segment; everything else literal. */
export function patternToRegex(pattern) {
  // Absolute-URL patterns (https://host/path) match on the path part only.
  let p = pattern.replace(/^https?:\/\/[^/]+/, '');
  if (!p.startsWith('/')) p = '/' + p;
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') re += '.*';
    else if (c === ':' && /[A-Za-z_]/.test(p[i + 1] || '')) {
      while (/[A-Za-z0-9_]/.test(p[i + 1] || '')) i++;
      re += '[^/]+';
    } else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

/** Headers for a request path: every matching block applies, in file order. */
export function headersFor(rules, urlPath) {
  const out = new Map(); // lower-case name -> { name, values[] }
  for (const r of rules) {
    if (!r.regex.test(urlPath)) continue;
    for (const d of r.detach) out.delete(d);
    for (const [name, value] of r.headers) {
      const k = name.toLowerCase();
      if (!out.has(k)) out.set(k, { name, values: [] });
      out.get(k).values.push(value);
    }
  }
  const res = {};
  for (const { name, values } of out.values()) res[name] = values.join(', ');
  return res;
}

function isInside(root, p) {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function statOrNull(p) {
  try { return await fsp.stat(p); } catch { return null; }
}

/**
 * Start serving `root`. Options: { root, port = 0, host = '127.0.0.1', log = false }.
 * Resolves to { server, port, url, root, close() }.
 */
export async function startServer({ root = 'public', port = 0, host = HOST, log = false } = {}) {
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    throw new Error(`refusing to bind to ${host}: the audit server is loopback-only`);
  }
  const absRoot = fs.realpathSync(path.resolve(root));
  if (!fs.statSync(absRoot).isDirectory()) throw new Error(`${root} is not a directory`);

  let rules = [];
  const headersFile = path.join(absRoot, '_headers');
  if (fs.existsSync(headersFile)) rules = parseHeaders(fs.readFileSync(headersFile, 'utf8'));

  const send = (req, res, status, headers, body) => {
    res.writeHead(status, headers);
    if (req.method === 'HEAD') res.end(); else res.end(body);
    if (log) console.error(`${status} ${req.method} ${req.url}`);
  };

  const sendFile = async (req, res, status, file, extraHeaders) => {
    const body = await fsp.readFile(file);
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    send(req, res, status, {
      ...extraHeaders,
      'Content-Type': type,
      'Content-Length': body.length,
    }, body);
  };

  const notFound = async (req, res, hdrs) => {
    const page = path.join(absRoot, '404.html');
    if (await statOrNull(page)) return sendFile(req, res, 404, page, hdrs);
    send(req, res, 404, { ...hdrs, 'Content-Type': 'text/plain; charset=utf-8' }, 'Not Found\n');
  };

  const handler = async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(req, res, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }, 'Method Not Allowed\n');
    }
    let urlPath;
    try {
      const u = new URL(req.url, 'http://x');
      urlPath = decodeURIComponent(u.pathname);
    } catch {
      return send(req, res, 400, { 'Content-Type': 'text/plain' }, 'Bad Request\n');
    }
    // Reject NUL, backslashes and any ".." segment outright (also after decoding).
    if (urlPath.includes('\0') || urlPath.includes('\\') || urlPath.split('/').includes('..')) {
      return send(req, res, 400, { 'Content-Type': 'text/plain' }, 'Bad Request\n');
    }
    const hdrs = headersFor(rules, urlPath);
    if (HIDDEN.has(urlPath)) return notFound(req, res, hdrs);

    let file = path.join(absRoot, urlPath);
    if (!isInside(absRoot, file)) return send(req, res, 403, { 'Content-Type': 'text/plain' }, 'Forbidden\n');
    let st = await statOrNull(file);
    if (st && st.isDirectory()) {
      if (!urlPath.endsWith('/')) {
        const u = new URL(req.url, 'http://x');
        return send(req, res, 301, { ...hdrs, Location: u.pathname + '/' + u.search }, '');
      }
      file = path.join(file, 'index.html');
      st = await statOrNull(file);
    }
    if (!st || !st.isFile()) return notFound(req, res, hdrs);
    // Symlinks must not lead outside the site.
    const real = await fsp.realpath(file);
    if (!isInside(absRoot, real)) return send(req, res, 403, { 'Content-Type': 'text/plain' }, 'Forbidden\n');
    return sendFile(req, res, 200, real, hdrs);
  };

  const server = http.createServer((req, res) => {
    handler(req, res).catch((err) => {
      console.error(`server error on ${req.url}: ${err.stack || err}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('Internal Server Error\n');
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  const urlHost = host === '::1' ? '[::1]' : host;
  return {
    server,
    port: actualPort,
    url: `http://${urlHost}:${actualPort}`,
    root: absRoot,
    rules,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

// ---- CLI -------------------------------------------------------------------
const isMain = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (isMain) {
  const args = process.argv.slice(2);
  let root = 'public';
  let port = 0;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port' || args[i] === '-p') port = Number(args[++i]);
    else if (args[i] === '-h' || args[i] === '--help') {
      console.log('usage: node server.mjs [site-dir] [--port N]   (serves on 127.0.0.1)');
      process.exit(0);
    } else root = args[i];
  }
  const srv = await startServer({ root, port, log: true });
  console.log(`serving ${srv.root} at ${srv.url}/` + (srv.rules.length ? ` (${srv.rules.length} _headers rule(s))` : ''));
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
