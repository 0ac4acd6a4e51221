#!/usr/bin/env bash
# Audit a built ocaq site: Nu Html Checker (HTML/CSS/SVG validity), axe-core
# + console/CSP/network checks in headless Chromium, the phone menu operated by
# keyboard (menu.mjs), a query typed on each language's search page
# (search.mjs), and Lighthouse on one page
# of each type in every language at 375 px, and in Azerbaijani at 1280 px too
# (52 runs, ~6 min on 2 idle cores). Exits non-zero on any finding.
#
#   bash tests/audit/ci.sh [site-dir]          (default: public; relative to the cwd)
#
# Installs what it needs when missing: Chromium (apt, only if /usr/bin/chromium
# is absent), a Java runtime for vnu.jar (apt, only if `java` is absent), and
# the pinned npm packages (`npm ci` in tests/audit, skipped when node_modules
# already matches package-lock.json). All traffic stays on 127.0.0.1 apart
# from those package installs.
#
# Environment:
#   AUDIT_SKIP_INSTALL=1   never install anything (fail if something is missing)
#   AUDIT_CONCURRENCY=N    pages checked at once by axe.mjs (default 2)
#   VNU_NO_LANGDETECT=1    pass --no-langdetect to vnu
#   VNU_FAIL_ON_INFO=1     make vnu info-level messages fail too
#   CHROMIUM_PATH=...      another Chromium binary (default /usr/bin/chromium)
#   LIGHTHOUSE_OUT=DIR     where Lighthouse writes its reports (default:
#                          lighthouse-reports/ beside the site folder)
#   LIGHTHOUSE_TIMEOUT=S   stop the Lighthouse step after S seconds (default 900;
#                          it normally takes about 6 minutes)
#   AUDIT_SKIP_LIGHTHOUSE=1  skip the Lighthouse step

ocaq_audit() {
  local audit_dir site t0 t rc_vnu rc_axe rc_menu rc_search rc_lh passed failed
  audit_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  site="${1:-public}"
  if [[ ! -d "$site" ]]; then
    echo "audit: site folder '$site' not found (build the site first)" >&2
    return 2
  fi
  site="$(cd "$site" && pwd)"

  local sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then sudo="sudo"; fi
  local apt_updated=""
  _audit_apt() {
    if [[ "${AUDIT_SKIP_INSTALL:-}" == "1" ]]; then
      echo "audit: would need apt-get install $*, but AUDIT_SKIP_INSTALL=1" >&2
      return 1
    fi
    if [[ -z "$apt_updated" ]]; then
      $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || return 1
      apt_updated=1
    fi
    echo "audit: apt-get install -y $*"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
  }

  # --- prerequisites ---------------------------------------------------------
  t0=$SECONDS
  if ! command -v node >/dev/null 2>&1; then
    echo "audit: node (>= 20) is required" >&2
    return 2
  fi
  if (( $(node -p 'process.versions.node.split(".")[0]') < 20 )); then
    echo "audit: node >= 20 is required (found $(node -v))" >&2
    return 2
  fi
  local chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [[ ! -x "$chromium" ]]; then
    _audit_apt chromium || { echo "audit: could not install chromium" >&2; return 2; }
  fi
  if ! command -v java >/dev/null 2>&1; then
    _audit_apt default-jre-headless || { echo "audit: could not install a Java runtime" >&2; return 2; }
  fi
  # npm ci only when node_modules does not match the committed lock file.
  local stamp="$audit_dir/node_modules/.ocaq-audit-lock.sha256"
  local want
  want="$(sha256sum "$audit_dir/package-lock.json" | cut -d' ' -f1)"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    if [[ "${AUDIT_SKIP_INSTALL:-}" == "1" ]]; then
      echo "audit: node_modules out of date, but AUDIT_SKIP_INSTALL=1" >&2
      return 2
    fi
    echo "audit: npm ci in tests/audit"
    # --ignore-scripts: vnu-jar's postinstall would try to download a Java
    # runtime from GitHub; the system Java is used instead.
    (cd "$audit_dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) \
      || { echo "audit: npm ci failed" >&2; return 2; }
    echo "$want" >"$stamp"
  fi
  echo "audit: prerequisites ready in $((SECONDS - t0))s" \
    "($("$chromium" --version 2>/dev/null | head -n1);" \
    "java $(java -version 2>&1 | head -n1 | sed -E 's/.*version "([^"]+)".*/\1/');" \
    "node $(node -v))"

  # --- checks ----------------------------------------------------------------
  echo "audit: checking $site"
  t=$SECONDS
  node "$audit_dir/vnu.mjs" "$site"
  rc_vnu=$?
  echo "audit: vnu took $((SECONDS - t))s"
  t=$SECONDS
  node "$audit_dir/axe.mjs" "$site"
  rc_axe=$?
  echo "audit: axe took $((SECONDS - t))s"
  t=$SECONDS
  node "$audit_dir/menu.mjs" "$site"
  rc_menu=$?
  echo "audit: menu took $((SECONDS - t))s"
  t=$SECONDS
  node "$audit_dir/search.mjs" "$site"
  rc_search=$?
  echo "audit: search took $((SECONDS - t))s"
  rc_lh=0
  if [[ "${AUDIT_SKIP_LIGHTHOUSE:-}" == "1" ]]; then
    echo "audit: lighthouse skipped (AUDIT_SKIP_LIGHTHOUSE=1)"
  else
    t=$SECONDS
    # SIGINT first: lighthouse.mjs (chrome-launcher) then stops its Chromium.
    local lh_args=("$site")
    if [[ -n "${LIGHTHOUSE_OUT:-}" ]]; then lh_args+=(--out "$LIGHTHOUSE_OUT"); fi
    timeout -s INT -k 15 "${LIGHTHOUSE_TIMEOUT:-900}" node "$audit_dir/lighthouse.mjs" "${lh_args[@]}"
    rc_lh=$?
    if [[ $rc_lh -eq 124 ]]; then echo "audit: lighthouse timed out after ${LIGHTHOUSE_TIMEOUT:-900}s" >&2; fi
    echo "audit: lighthouse took $((SECONDS - t))s"
  fi

  passed=0; failed=0
  if [[ $rc_vnu -eq 0 ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  if [[ $rc_axe -eq 0 ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  if [[ $rc_menu -eq 0 ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  if [[ $rc_search -eq 0 ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  if [[ "${AUDIT_SKIP_LIGHTHOUSE:-}" != "1" ]]; then
    if [[ $rc_lh -eq 0 ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  fi
  echo "audit: $passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  ocaq_audit "$@"
  exit $?
fi
