#!/usr/bin/env bash
# Audits the components fixture (tests/audit/fixture.sh builds it): the Nu Html
# Checker and axe-core on every page (every component, photos, highlighted code,
# a statistics table with hidden figures, alias redirect pages, three languages),
# the video's promise (video.mjs: nothing from the video's site until pressed), and
# Lighthouse on the page with every component and the donate page, in az, en and
# ru, and on the statistics page (az) and the code page (en), at 375 px (8 runs:
# the same templates are audited at 1280 px on the association's site, and CI
# must stay under 30 minutes). Run after ci.sh, which installs what these need.
#
#   bash tests/audit/components.sh SITE
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
site="$(cd "${1:?usage: components.sh SITE}" && pwd)"
pages="/sekiller-video-senedler/,/en/media/,/ru/foto-video-dokumenty/,/iane/,/en/donate/,/ru/pozhertvovat/,/reqemler/,/en/guide/"
failed=0
node "$here/vnu.mjs" "$site" || failed=$((failed + 1))
node "$here/axe.mjs" "$site" || failed=$((failed + 1))
node "$here/video.mjs" "$site" || failed=$((failed + 1))
if [[ "${AUDIT_SKIP_LIGHTHOUSE:-}" != "1" ]]; then
  timeout -s INT -k 15 "${LIGHTHOUSE_TIMEOUT:-900}" \
    node "$here/lighthouse.mjs" "$site" --only "$pages" --widths 375 --out "${LIGHTHOUSE_OUT:-$site/../lighthouse-components}" \
    || failed=$((failed + 1))
fi
echo "components audit: $failed step(s) failed"
[[ $failed -eq 0 ]]
