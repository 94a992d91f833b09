#!/usr/bin/env bash
# Screenshots the style guide with the local headless Chromium (no network).
# Japanese date fields and file buttons need Debian's chromium-l10n; without it they show in English.
# Usage: screenshot.sh OUT.png [WIDTHxHEIGHT]   e.g. screenshot.sh /tmp/sg.png 1280x2400
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
page="$(cd "$here/../../src/Zaitaku.Web/wwwroot" && pwd)/styleguide.html"
out="$1"
size="${2:-1280x2400}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# LANGUAGE picks Chromium's Japanese UI strings and date formats (Debian package chromium-l10n).
LANGUAGE=ja /usr/bin/chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --virtual-time-budget=2000 --lang=ja-JP \
  --user-data-dir="$profile" --screenshot="$out" --window-size="${size/x/,}" \
  "file://$page" 2>/dev/null
