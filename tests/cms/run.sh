#!/usr/bin/env bash
# End-to-end test of the editors' CMS: Decap CMS, as the site's build writes it
# at /admin/, driven in headless Chromium against a temporary copy of the site
# served with Decap's local backend (decap-server, git mode, on port 8081).
# The editor writes a news item in az, en and ru with a photo and its text
# alternative, edits an existing page, and publishes both through the
# editorial workflow; then `ocaq check --strict` and `ocaq build` must pass
# on what it wrote, and the new pages must be in the built site.
#
#   bash tests/cms/run.sh [OCAQ]        (default: target/debug/ocaq)
#
# Installs what it needs: playwright-core and decap-server, pinned in
# tests/cms/package-lock.json (`npm ci --ignore-scripts`, skipped when
# node_modules matches the lock file), and Decap CMS's browser bundle at the
# version /admin/ loads (`npm pack`, kept in node_modules/.decap-cms-<version>;
# its bytes are checked against the SRI hash in /admin/index.html by the
# browser). Uses /usr/bin/chromium (apt-get install chromium when missing).
#
# Environment:
#   CMS_SHOTS=DIR   also save the screenshots docs/editing.md shows into DIR
#   CMS_WORK=DIR    work folder (default: a fresh temporary one, removed)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
ocaq="$(realpath "${1:-$repo/target/debug/ocaq}")"
t0=$SECONDS
fail() { echo "cms: FAIL $*" >&2; exit 1; }

[[ -x "$ocaq" ]] || fail "no ocaq binary at $ocaq (run cargo build first)"
command -v node >/dev/null || fail "node (>= 20) is required"
if [[ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; then
  sudo=""; [[ "$(id -u)" -ne 0 ]] && sudo=sudo
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
fi

# --- pinned npm packages ------------------------------------------------------
stamp="$here/node_modules/.ocaq-lock"
if ! cmp -s "$here/package-lock.json" "$stamp" 2>/dev/null; then
  echo "cms: npm ci (playwright-core, decap-server)"
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$here/package-lock.json" "$stamp"
fi

# --- the site copy, as a git repository (the editorial workflow uses branches)
if [[ -n "${CMS_WORK:-}" ]]; then work="$CMS_WORK"; rm -rf "$work"; mkdir -p "$work"; else work="$(mktemp -d)"; fi
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  [[ -z "${CMS_WORK:-}" ]] && rm -rf "$work"
  return 0
}
trap cleanup EXIT
site="$work/site"
mkdir -p "$site"
for part in site.yaml content data locales themes templates static; do
  [[ -e "$repo/$part" ]] && cp -r "$repo/$part" "$site/"
done
git -C "$site" init -q -b main
# File names keep Azerbaijani letters; decap-server reads `git diff`, which
# would otherwise quote them as octal escapes.
git -C "$site" config core.quotepath false
git -C "$site" config user.email e2e@example.org
git -C "$site" config user.name "CMS test"
git -C "$site" add -A && git -C "$site" commit -qm "site before editing"
"$ocaq" build --root "$site" --out "$work/public" >/dev/null 2>&1

# --- Decap's browser bundle, at the version /admin/ loads ---------------------
version="$(grep -o 'decap-cms@[0-9][0-9.]*' "$work/public/admin/index.html" | head -1 | cut -d@ -f2)"
[[ -n "$version" ]] || fail "/admin/index.html does not load decap-cms from unpkg"
dist="$here/node_modules/.decap-cms-$version/package/dist"
if [[ ! -f "$dist/decap-cms.js" ]]; then
  echo "cms: npm pack decap-cms@$version"
  mkdir -p "$here/node_modules/.decap-cms-$version"
  (cd "$here/node_modules/.decap-cms-$version" && npm pack "decap-cms@$version" --silent >/dev/null \
    && tar xzf "decap-cms-$version.tgz" --wildcards 'package/dist/*decap-cms.js' && rm "decap-cms-$version.tgz")
fi

# --- decap-server and the browser --------------------------------------------
PORT=8081 MODE=git GIT_REPO_DIRECTORY="$site" LOG_LEVEL=warn \
  node "$here/node_modules/decap-server/dist/index.js" >"$work/decap-server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  curl -s -o /dev/null -X POST -H 'content-type: application/json' -d '{"action":"info"}' http://localhost:8081/api/v1 && break
  sleep 0.2
done
echo "cms: editing in headless Chromium"
(cd "$here" && node e2e.mjs "$work/public" "$dist" "$work/ev.jpg" ${CMS_SHOTS:+"$CMS_SHOTS"}) \
  || { tail -5 "$work/decap-server.log" >&2; fail "the editor could not do its work"; }
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""

# --- what the CMS wrote must check and build ----------------------------------
git -C "$site" checkout -q main
news=(content/news/gəncədə-yeni-ailə-evi.{az,en,ru}.md content/news/ev.jpg)
for f in "${news[@]}"; do [[ -f "$site/$f" ]] || fail "the CMS did not write $f"; done
git -C "$site" diff --quiet HEAD~2 -- content/programmes/youth-house.en.md \
  && fail "the edit of programmes/youth-house.en.md did not reach main"
echo "cms: ocaq check --strict on what the CMS wrote"
"$ocaq" check --strict --root "$site" >"$work/check.txt" 2>&1 || { cat "$work/check.txt" >&2; fail "check --strict failed"; }
"$ocaq" build --root "$site" --out "$work/after" >"$work/build.txt" 2>&1 || { cat "$work/build.txt" >&2; fail "build failed"; }
expect() { # file, text
  [[ -f "$work/after/$1" ]] || fail "the built site has no $1"
  grep -qF "$2" "$work/after/$1" || fail "$1 does not say: $2"
}
expect xeberler/gencede-yeni-aile-evi/index.html "Gəncədə yeni ailə evi"
expect xeberler/gencede-yeni-aile-evi/index.html "Uşaqlar yeni evin qarşısında"
expect en/news/new-family-house-ganja/index.html "A new family house in Ganja"
expect ru/novosti/novyj-dom-gyandzha/index.html "Новый семейный дом в Гяндже"
[[ -f "$work/after/xeberler/ev.jpg" ]] || fail "the photo was not published with its section"
expect xeberler/gencede-yeni-aile-evi/index.html "/assets/img/ev."
grep -rqF "learn to live on their own here" "$work/after/en" || fail "the edited description is not in the built site"
echo "cms: passed in $((SECONDS - t0)) s"
