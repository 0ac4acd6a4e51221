#!/usr/bin/env bash
# Load test for `ocaq serve`, on 127.0.0.1 only. Not part of `cargo test` or CI.
#
#   tests/load/run.sh            # builds target/release/ocaq if needed
#   OCAQ=/path/to/ocaq tests/load/run.sh
#
# Phase 1: wrk, CONNECTIONS (1,000) connections for DURATION, over every page
#   of the sitemap; every answer must be 200 and byte-identical to the page as
#   fetched before the load.
# Phase 2: the same load, while a loop rewrites one page's Markdown EDITS times
#   (long page, "VERSION-A" / "VERSION-B" marker at its end) and a checker
#   (consistency.py, asyncio, CHECK_CONNECTIONS connections) fetches that page
#   without pause: every answer must be exactly one of the two whole versions
#   (200, ends in </html>, framing complete: Content-Length matches or the
#   chunked body ends in its last chunk; one marker), never an error,
#   never a mix; /__ocaq/status must stay empty (no failed rebuild).
#
# Needs wrk (apt-get install wrk) and python3. Knobs (environment):
#   CONNECTIONS=1000 THREADS=2 DURATION=15s EDITS=40 EDIT_INTERVAL=0.5
#   EDIT_MODE=atomic|inplace  (inplace: truncate and write, as some editors save)
#   PAGE=content/about.en.md PAGE_URL=/en/about/ CHECK_CONNECTIONS=100 KEEP=1
# Exit status: 0 when every check passed, 1 otherwise.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CONNECTIONS=${CONNECTIONS:-1000}
THREADS=${THREADS:-2}
DURATION=${DURATION:-15s}
EDITS=${EDITS:-40}
EDIT_INTERVAL=${EDIT_INTERVAL:-0.5}
EDIT_MODE=${EDIT_MODE:-atomic}
PAGE=${PAGE:-content/about.en.md}
PAGE_URL=${PAGE_URL:-/en/about/}
export CHECK_CONNECTIONS=${CHECK_CONNECTIONS:-100}
PY="python3 $HERE/consistency.py"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
if [ -z "${OCAQ:-}" ]; then
  OCAQ="${CARGO_TARGET_DIR:-$REPO/target}/release/ocaq"
  [ -x "$OCAQ" ] || (cd "$REPO" && nice -n 19 cargo build --release --bin ocaq)
fi

WORK=$(mktemp -d /tmp/ocaq-load.XXXXXX)
SITE="$WORK/site"
SERVER_PID=""
BG_PIDS=()
cleanup() {
  for p in "${BG_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

mkdir -p "$SITE"
cp -r "$REPO/site.yaml" "$REPO/content" "$REPO/themes" "$REPO/locales" "$SITE/"

# Threads: tiny_http runs one per open connection, plus the load tool's.
ulimit -n 65536 2>/dev/null || ulimit -n 20000 2>/dev/null || true

"$OCAQ" serve --root "$SITE" --port 0 2>"$WORK/serve.log" >/dev/null &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 300); do
  PORT=$(grep -o 'serving on http://127\.0\.0\.1:[0-9]*' "$WORK/serve.log" | grep -o '[0-9]*$' || true)
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$PORT" ] || { echo "ocaq serve did not start" >&2; cat "$WORK/serve.log" >&2; exit 1; }
for _ in $(seq 1 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/")" = 200 ] && break
  sleep 0.1
done
echo "ocaq serve (pid $SERVER_PID) on 127.0.0.1:$PORT; $(head -1 "$WORK/serve.log")"

failed=0
result_ok() { # a wrk RESULT line: every request answered, right, with no socket error
  local line=$1 req ok
  req=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
  ok=$(sed -E 's/.* ok=([0-9]+).*/\1/' <<<"$line")
  [ "$req" -gt 0 ] && [ "$req" = "$ok" ] \
    && grep -q 'connect_errors=0 read_errors=0 write_errors=0 timeouts=0' <<<"$line"
}

# ---- Phase 1: pages under load ----
mkdir -p "$WORK/phase1"
n=$($PY urls "$PORT" "$WORK/phase1")
echo "phase 1: $n pages, $CONNECTIONS connections, $THREADS threads, $DURATION"
wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout 10s \
  -s "$HERE/pages.lua" "http://127.0.0.1:$PORT" -- "$WORK/phase1" >"$WORK/wrk1.txt" 2>&1 || true
R1=$(grep '^RESULT' "$WORK/wrk1.txt" || echo "RESULT missing: $(cat "$WORK/wrk1.txt")")
echo "phase 1 $R1"
result_ok "$R1" || { echo "phase 1 FAILED"; failed=1; }

# ---- Phase 2: one page rewritten during load ----
ORIG="$SITE/$PAGE"
for v in A B; do
  {
    cat "$ORIG"
    echo
    echo "## Load test"
    for i in $(seq 1 400); do
      echo "Paragraph $i of the load test: the same long text in both versions, so that a torn or mixed answer cannot pass for a whole one."
      echo
    done
    echo "Load test marker: VERSION-$v."
  } >"$WORK/version-$v.md"
done
$PY edit "$ORIG" "$WORK/version-A.md" "$WORK/version-B.md" 1 0 atomic >/dev/null
$PY capture "$PORT" "$PAGE_URL" VERSION-A "$WORK/served-A.html" >/dev/null
mkdir -p "$WORK/phase2"
$PY urls "$PORT" "$WORK/phase2" >/dev/null
$PY edit "$ORIG" "$WORK/version-B.md" "$WORK/version-A.md" 1 0 atomic >/dev/null
$PY capture "$PORT" "$PAGE_URL" VERSION-B "$WORK/served-B.html" >/dev/null
cp "$WORK/served-B.html" "$WORK/phase2/expected/served-B.html"
echo served-B.html >>"$WORK/phase2/expected.list"
echo "phase 2: $PAGE_URL is $(wc -c <"$WORK/served-A.html") / $(wc -c <"$WORK/served-B.html") bytes (A/B); $EDITS $EDIT_MODE edits every ${EDIT_INTERVAL}s; checker on $CHECK_CONNECTIONS connections; wrk on $CONNECTIONS"

rebuilds_before=$(grep -c '^rebuilt' "$WORK/serve.log" || true)
$PY check "$PORT" "$PAGE_URL" "$WORK/served-A.html" "$WORK/served-B.html" "$WORK/stop" >"$WORK/check.json" &
CHECK_PID=$!
BG_PIDS+=("$CHECK_PID")
secs=$(python3 -c "print(int($EDITS * $EDIT_INTERVAL + 4))")
wrk -t "$THREADS" -c "$CONNECTIONS" -d "${secs}s" --timeout 10s \
  -s "$HERE/pages.lua" "http://127.0.0.1:$PORT" -- "$WORK/phase2" >"$WORK/wrk2.txt" 2>&1 &
WRK_PID=$!
BG_PIDS+=("$WRK_PID")
sleep 1
last=$($PY edit "$ORIG" "$WORK/version-A.md" "$WORK/version-B.md" "$EDITS" "$EDIT_INTERVAL" "$EDIT_MODE")
wait "$WRK_PID" || true
# The last edit must be what is served in the end.
if ! $PY capture "$PORT" "$PAGE_URL" "VERSION-$last" "$WORK/final.html" >/dev/null; then
  echo "phase 2 FAILED: the last edit (VERSION-$last) is not served"; failed=1
fi
touch "$WORK/stop"
check_status=0
wait "$CHECK_PID" || check_status=$?
R2=$(grep '^RESULT' "$WORK/wrk2.txt" || echo "RESULT missing: $(cat "$WORK/wrk2.txt")")
echo "phase 2 wrk $R2"
result_ok "$R2" || { echo "phase 2 wrk FAILED"; failed=1; }
echo "phase 2 checker $(cat "$WORK/check.json")"
[ "$check_status" = 0 ] || { echo "phase 2 consistency check FAILED"; failed=1; }

rebuilds=$(( $(grep -c '^rebuilt' "$WORK/serve.log" || true) - rebuilds_before ))
times=$(grep -o '^rebuilt .* in [0-9]* ms' "$WORK/serve.log" | tail -n "$rebuilds" | grep -o '[0-9]* ms' | tr -d ' ms' | sort -n | tr '\n' ' ')
echo "server: $rebuilds rebuilds during phase 2 for $EDITS edits (ms, sorted: $times)"
status=$(curl -s "http://127.0.0.1:$PORT/__ocaq/status")
echo "/__ocaq/status at the end: '${status}'"
[ -z "$status" ] || failed=1
if grep -qiE 'error|panic' "$WORK/serve.log"; then
  echo "server log has errors:"; grep -iE 'error|panic' "$WORK/serve.log" | head -20; failed=1
fi
kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server died"; failed=1; }
if [ "$failed" = 0 ]; then echo "LOAD TEST PASSED"; else echo "LOAD TEST FAILED"; fi
exit "$failed"
