#!/usr/bin/env bash
# Builds tests/fixtures/components (a page with every component: a photo with its
# caption, a video, a document, the contact and donate boxes; a donate page; a
# statistics page with hidden figures; a page of highlighted code with an old
# address; in az, en and ru) with the repository's theme and strings, into OUT,
# for the audits that the association's own site cannot exercise: it has no
# video, document, code, hidden figure or alias yet.
#
#   bash tests/audit/fixture.sh OCAQ OUT
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
ocaq="$(realpath "$1")"
out="$(realpath -m "$2")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$repo/tests/fixtures/components/." "$work/"
cp -r "$repo/themes" "$repo/locales" "$work/"
"$ocaq" check --strict --root "$work"
"$ocaq" build --root "$work" --out "$out"
