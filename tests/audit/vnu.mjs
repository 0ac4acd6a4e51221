// Run the Nu Html Checker (vnu.jar from the vnu-jar npm package) on every
// .html, .css and .svg file of a built site. Any error or warning fails.
//
//   node tests/audit/vnu.mjs [site-dir]      (default: public)
//
// Prints findings as `file:line:col: error|warning|info: message` and ends with
//   vnu: E errors, W warnings on N files
// Exit status: 0 clean, 1 findings, 2 the checker could not run.
// Info-level messages (e.g. "Trailing slash on void elements") are printed but
// do not fail; set VNU_FAIL_ON_INFO=1 to make them fail too.
// VNU_NO_LANGDETECT=1 adds --no-langdetect (html[lang] vs. content language guess).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_DIR, walk, siteDirArg } from './common.mjs';

export const VNU_JAR = path.join(AUDIT_DIR, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const CHUNK = 400; // files per JVM run (keeps the command line short)

function runJava(args) {
  return new Promise((resolve, reject) => {
    const java = process.env.JAVA || 'java';
    const child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

function display(abs) {
  const rel = path.relative(process.cwd(), abs);
  return rel.startsWith('..') ? abs : rel;
}

export async function checkSite(siteDir) {
  if (!fs.existsSync(VNU_JAR)) throw new Error(`${VNU_JAR} missing: run npm ci in ${AUDIT_DIR}`);
  const files = walk(siteDir)
    .filter((f) => /\.(html?|css|svg)$/i.test(f))
    .map((f) => path.join(siteDir, f));
  const messages = [];
  for (let i = 0; i < files.length; i += CHUNK) {
    const chunk = files.slice(i, i + CHUNK);
    const args = ['-jar', VNU_JAR, '--format', 'json', '--stdout', '--exit-zero-always',
      '--also-check-css', '--also-check-svg'];
    if (process.env.VNU_NO_LANGDETECT === '1') args.push('--no-langdetect');
    args.push(...chunk);
    const { code, out, err } = await runJava(args);
    let json;
    try {
      json = JSON.parse(out);
    } catch {
      throw new Error(`vnu did not produce JSON (exit ${code}):\n${out}\n${err}`);
    }
    if (err.trim()) process.stderr.write(err);
    messages.push(...json.messages);
  }
  const counts = { error: 0, warning: 0, info: 0 };
  const lines = [];
  for (const m of messages) {
    let severity;
    if (m.type === 'error' || m.type === 'non-document-error') severity = 'error';
    else if (m.type === 'info' && m.subType === 'warning') severity = 'warning';
    else severity = 'info';
    counts[severity]++;
    let file = m.url || '(unknown)';
    if (file.startsWith('file:')) file = display(fileURLToPath(file.replace(/^file:(?!\/\/)/, 'file://')));
    const line = Math.max(1, m.firstLine ?? m.lastLine ?? 1); // SVG messages report line 0
    const col = m.firstColumn ?? m.lastColumn ?? 0;
    lines.push({ file, line, col, text: `${file}:${line}:${col}: ${severity}${m.subType === 'fatal' ? ' (fatal)' : ''}: ${m.message}` });
  }
  lines.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
  return { files, counts, lines: lines.map((l) => l.text) };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const siteDir = siteDirArg(process.argv[2]);
  try {
    const { files, counts, lines } = await checkSite(siteDir);
    for (const l of lines) console.log(l);
    const failOnInfo = process.env.VNU_FAIL_ON_INFO === '1';
    const info = counts.info ? `, ${counts.info} info${failOnInfo ? '' : ' (not failing)'}` : '';
    console.log(`vnu: ${counts.error} errors, ${counts.warning} warnings on ${files.length} files${info}`);
    const failed = counts.error + counts.warning + (failOnInfo ? counts.info : 0) > 0 || files.length === 0;
    if (files.length === 0) console.log('vnu: no .html/.css/.svg files found — failing');
    process.exit(failed ? 1 : 0);
  } catch (e) {
    console.error(`vnu: could not run: ${e.message}`);
    process.exit(2);
  }
}
