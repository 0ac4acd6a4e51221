#!/usr/bin/env bash
# Serves a built site in Cloudflare's own local runtime (`wrangler pages dev`)
# and checks over HTTP that it applies our `_headers` and `_redirects` as we
# mean them: the home page, a deep page of a site with more than 100 pages a
# language, a hashed asset, the sitemap, a 404 and an alias each carry our
# Content-Security-Policy and security headers and one Cache-Control (ours;
# on the 404 the runtime's `no-store`), each exactly once; the alias is a 301
# to its page; the runtime's log has no skipped or invalid rule.
#
#   bash tests/cdn/wrangler.sh [OCAQ]       (default: target/debug/ocaq)
#
# The site is the benchmark's generator (benches/gen_site.py) at 120 pages a
# language, plus one alias written into a page's front matter.
#
# Installs wrangler 3 from npm itself (the exact version is pinned in
# tests/cdn/package-lock.json; wrangler 4 needs Node 22, this machine has 20),
# with `npm ci --ignore-scripts`, skipped when node_modules already matches the
# lock file. wrangler listens on 127.0.0.1 only; metrics, error reports, its
# update check and miniflare's `Request.cf` download are off (see below), so
# nothing but the npm install leaves the machine.
#
# Environment:
#   CDN_SKIP_INSTALL=1     never install (fail if wrangler is missing)
#   CDN_BREAK=join|missing break `_headers` on purpose before serving (drop the
#                          `! Cache-Control` line, or the CSP line): the run
#                          must then fail; used to show the checks bite
#   CDN_WORK=DIR           work folder (default: a fresh temporary one, removed)
#   CDN_PORT=N             port (default 8799)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
ocaq="${1:-$repo/target/debug/ocaq}"
port="${CDN_PORT:-8799}"
t0=$SECONDS

fail() { echo "cdn: $*" >&2; exit 1; }

[[ -x "$ocaq" ]] || fail "no ocaq binary at $ocaq (run cargo build first)"
command -v node >/dev/null || fail "node (>= 20) is required"
command -v curl >/dev/null || fail "curl is required"
(( $(node -p 'process.versions.node.split(".")[0]') >= 18 )) || fail "node >= 18 is required for wrangler 3 (found $(node -v))"

# --- wrangler, pinned -------------------------------------------------------
stamp="$here/node_modules/.ocaq-lock"
if ! cmp -s "$here/package-lock.json" "$stamp" 2>/dev/null; then
  [[ "${CDN_SKIP_INSTALL:-}" == 1 ]] && fail "wrangler is not installed and CDN_SKIP_INSTALL=1"
  echo "cdn: npm ci (wrangler $(node -p "require('$here/package.json').dependencies.wrangler"))"
  # No install scripts: wrangler runs without them (workerd's binary comes as an
  # optional dependency), and scripts are code we do not need to run.
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$here/package-lock.json" "$stamp"
fi
wrangler="$here/node_modules/.bin/wrangler"
t_install=$((SECONDS - t0))

# --- a site with more than 100 pages a language, and an alias ---------------
if [[ -n "${CDN_WORK:-}" ]]; then
  work="$CDN_WORK"; rm -rf "$work"; mkdir -p "$work"
else
  work="$(mktemp -d)"
fi
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  [[ -n "${CDN_WORK:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT

python3 "$repo/benches/gen_site.py" --pages 120 --out "$work/site" >/dev/null
# The alias goes on the English page whose address sorts last, the kind of
# page a per-page `_headers` left past Cloudflare's 100th rule.
alias_path="/old/address-of-a-deep-page/"
alias_source="$(cd "$work/site/content" && find . -name '*.en.md' ! -name '_index*' | sort | tail -n 1)"
python3 - "$work/site/content/$alias_source" "$alias_path" <<'EOF'
import sys
path, alias = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
assert text.startswith("---\n"), path
open(path, "w", encoding="utf-8").write("---\naliases: [" + alias + "]\n" + text[4:])
EOF
"$ocaq" build --root "$work/site" --out "$work/public" >/dev/null
public="$work/public"
pages_en=$(find "$public/en" -name index.html | wc -l)
(( pages_en > 100 )) || fail "the site has only $pages_en English pages; it needs more than 100"
[[ -f "$public${alias_path}index.html" ]] || fail "the alias's HTML redirect page is missing (hosts without _redirects need it)"

case "${CDN_BREAK:-}" in
  "") ;;
  join) sed -i '/^  ! Cache-Control$/d' "$public/_headers" ;;
  missing) sed -i '/^  Content-Security-Policy:/d' "$public/_headers" ;;
  *) fail "CDN_BREAK must be join or missing" ;;
esac

# --- serve it in Cloudflare's runtime ---------------------------------------
log="$work/wrangler.log"
# Offline: wrangler's update check reads a day-long cache under TMPDIR, which
# we fill in (and point its registry at a closed loopback port in case it
# asks anyway); miniflare skips fetching its `Request.cf` sample when
# NODE_ENV=test, which changes nothing else for a site without Functions.
mkdir -p "$work/tmp/update-check"
printf '{"latest":"%s","lastUpdate":%s}' \
  "$(node -p "require('$here/node_modules/wrangler/package.json').version")" \
  "$(node -p 'Date.now()')" >"$work/tmp/update-check/wrangler-latest.json"
(
  cd "$work"
  export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false
  export XDG_CONFIG_HOME="$work/xdg" WRANGLER_LOG_PATH="$work/wrangler-logs" TMPDIR="$work/tmp"
  export npm_registry="http://127.0.0.1:9/" NODE_ENV=test
  export CI=1 NO_COLOR=1
  exec "$wrangler" pages dev "$public" --ip 127.0.0.1 --port "$port" \
    --inspector-port $((port + 1)) --compatibility-date 2025-01-01 \
    --persist-to "$work/state" --show-interactive-dev-session=false
) >"$log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -s -o /dev/null "$base/" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; fail "wrangler exited before serving"; }
  sleep 0.5
done
curl -s -o /dev/null "$base/" || { cat "$log" >&2; fail "wrangler did not answer on $base"; }
t_ready=$((SECONDS - t0))

# --- checks -----------------------------------------------------------------
csp="$(sed -n 's/^  Content-Security-Policy: //p' "$public/_headers" | head -n 1)"
page_cache="public, max-age=300, must-revalidate"
asset_cache="public, max-age=31536000, immutable"
problems=0
checked=0

# `check URL STATUS CACHE-CONTROL [LOCATION]`: one request, every header we own once, with our value.
check() {
  local url="$1" want_status="$2" want_cache="$3" want_location="${4:-}"
  local head status
  head="$(curl -s -o /dev/null -D - "$base$url" | tr -d '\r')"
  status="$(head -n 1 <<<"$head" | cut -d' ' -f2)"
  local bad=()
  [[ "$status" == "$want_status" ]] || bad+=("status $status, not $want_status")
  expect_once "Content-Security-Policy" "$csp"
  expect_once "Cache-Control" "$want_cache"
  expect_once "X-Content-Type-Options" "nosniff"
  expect_once "Referrer-Policy" "strict-origin-when-cross-origin"
  expect_once "X-Frame-Options" "DENY"
  expect_once "Cross-Origin-Opener-Policy" "same-origin"
  expect_once "Permissions-Policy" "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
  [[ -z "$want_location" ]] || expect_once "Location" "$want_location"
  checked=$((checked + 1))
  if ((${#bad[@]})); then
    problems=$((problems + 1))
    echo "FAIL $url"
    printf '  - %s\n' "${bad[@]}"
  else
    echo "ok   $url: $status, Cache-Control: $want_cache${want_location:+, Location: $want_location}"
  fi
}
# Adds to `bad` unless the response has `name` exactly once, with `value`.
expect_once() {
  local name="$1" value="$2" lines
  lines="$(grep -i "^$name:" <<<"$head" | sed 's/^[^:]*: *//' || true)"
  local n
  n=$(grep -c . <<<"$lines" || true)
  if (( n != 1 )); then
    bad+=("$name sent $n times${lines:+: $(tr '\n' '|' <<<"$lines")}")
  elif [[ "$lines" != "$value" ]]; then
    bad+=("$name is '$lines', not '$value'")
  fi
}

# The runtime must send the file's CSP; the file's CSP must be the strict one.
if [[ "$csp" != *"script-src 'self'"* || "$csp" != *"object-src 'none'"* || "$csp" != *"frame-ancestors 'none'"* || "$csp" == *unsafe* ]]; then
  echo "FAIL _headers has no strict CSP: '$csp'"; problems=$((problems + 1))
fi
deep="/en/${alias_source#./}"
deep="${deep%.en.md}/"
[[ -f "$public${deep}index.html" ]] || fail "the deep page $deep was not built"
asset="/assets/$(cd "$public/assets" && ls style.*.css | head -n 1)"
grep -qx "$alias_path $deep 301" "$public/_redirects" || { echo "FAIL _redirects has no line '$alias_path $deep 301'"; problems=$((problems + 1)); }

check "/" 200 "$page_cache"
check "/en/" 200 "$page_cache"
check "$deep" 200 "$page_cache"
check "$asset" 200 "$asset_cache"
check "/sitemap.xml" 200 "$page_cache"
# Cloudflare's asset server replaces any Cache-Control of a 404 with `no-store`.
check "/no-such-page/" 404 "no-store"
check "$alias_path" 301 "$page_cache" "$deep"
# Without its final slash, the runtime's own 308 leads to the alias first.
check "${alias_path%/}" 308 "$page_cache" "$alias_path"

# The runtime read both files whole.
if grep -Eiq 'skipp|invalid' "$log"; then
  echo "FAIL the runtime's log reports skipped or invalid rules:"
  grep -Ei 'skipp|invalid' "$log" | sed 's/^/  /'
  problems=$((problems + 1))
fi
grep -q 'Parsed 2 valid header rules' "$log" || { echo "FAIL the runtime did not report 2 header rules:"; grep -i parsed "$log" | sed 's/^/  /'; problems=$((problems + 1)); }
grep -q 'Parsed 1 valid redirect rule' "$log" || { echo "FAIL the runtime did not report 1 redirect rule"; problems=$((problems + 1)); }

echo "cdn: $checked responses checked on a site of $pages_en English pages, _headers $(wc -c <"$public/_headers") bytes; install ${t_install}s, build and start $((t_ready - t_install))s, total $((SECONDS - t0))s"
if (( problems )); then
  echo "cdn: $problems problem(s); the runtime's log:"
  sed 's/^/  | /' "$log"
  exit 1
fi
echo "cdn: Cloudflare's runtime applies _headers and _redirects as intended"
