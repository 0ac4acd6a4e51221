#!/usr/bin/env bash
# Instructions a build executes, counted by valgrind's callgrind: a measure that
# does not move with the machine's load, for changes too small for the timed
# benchmark (benches/run.sh) to tell apart from its noise on a shared machine.
#
#   benches/instructions.sh            # N = 1000 pages per language
#   benches/instructions.sh 200        # a smaller site
#   BIN=/tmp/ocaq-old benches/instructions.sh   # another build of ocaq
#
# It generates the same seeded site as benches/run.sh (benches/gen_site.py)
# under $WORK (default /tmp/ocaq-bench), and a copy whose theme has no search
# page (so no search index), builds ocaq in release (unless BIN is given), and
# counts both builds' instructions on one thread (RAYON_NUM_THREADS=1: the count
# is then the same on every run). It prints both counts and what the search
# index adds. Needs valgrind (Debian: apt-get install valgrind; installed when
# missing and run as root). A 1,000-page-a-language site takes about a minute.

set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-1000}
WORK=${WORK:-/tmp/ocaq-bench}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/bench-target}

if ! command -v valgrind >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y -q valgrind >/dev/null
    else
        echo "instructions.sh: valgrind is needed (apt-get install valgrind)" >&2
        exit 2
    fi
fi

if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet --manifest-path "$REPO/Cargo.toml"
    BIN=$CARGO_TARGET_DIR/release/ocaq
fi

site=$WORK/site-$N
if [ ! -f "$site/site.yaml" ]; then
    python3 "$REPO/benches/gen_site.py" --pages "$N" --out "$site" >&2
fi
# The theme as it is now, so an older generated site builds with today's templates.
rm -rf "$site/themes"
cp -r "$REPO/themes" "$site/themes"
plain=$WORK/site-$N-nosearch
rm -rf "$plain"
cp -r "$site" "$plain"
rm -f "$plain/themes/default/templates/search.html"

# Prints the instructions of one build of the site at $1.
count() {
    local out
    out=$(mktemp -d)
    RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "$BIN" build --root "$1" --out "$out/site" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
    rm -rf "$out"
}

with=$(count "$site")
without=$(count "$plain")
pages=$(find "$site/content" -name '*.md' | wc -l)
awk -v w="$with" -v wo="$without" -v p="$pages" -v bin="$BIN" 'BEGIN {
    printf "%s, %d pages, one thread\n", bin, p
    printf "with the search page:    %6.3f G instructions\n", w / 1e9
    printf "without it:              %6.3f G instructions\n", wo / 1e9
    printf "the search index adds:   %6.3f G (%.1f%%)\n", (w - wo) / 1e9, 100 * (w - wo) / wo
}'
