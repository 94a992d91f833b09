#!/usr/bin/env bash
# Copies the pinned npm packages' built files into the console's wwwroot/lib/.
# Run by hand when a package is updated; the .NET build never runs npm.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lib="$(cd "$here/../../src/Zaitaku.Web/wwwroot" && pwd)/lib"
cd "$here"

# package-lock.json pins exact versions and integrity hashes; scripts are never run.
npm ci --ignore-scripts --no-audit --no-fund

version_of() { node -p "require('./node_modules/$1/package.json').version"; }

tokens="node_modules/@digital-go-jp/design-tokens"
chart="node_modules/chart.js"
signalr="node_modules/@microsoft/signalr"
tokens_version="$(version_of @digital-go-jp/design-tokens)"
chart_version="$(version_of chart.js)"
signalr_version="$(version_of @microsoft/signalr)"

rm -rf "$lib/design-tokens" "$lib/chartjs" "$lib/signalr"
mkdir -p "$lib/design-tokens" "$lib/chartjs" "$lib/signalr"

# Design tokens: all tokens (colours, font sizes, line heights, radii, elevation) as CSS custom properties.
cp "$tokens/dist/tokens.css" "$lib/design-tokens/tokens.css"
cp "$tokens/LICENSE" "$lib/design-tokens/LICENSE"

# Chart.js: the UMD build defines window.Chart, so a plain <script> tag is enough (no bundler).
# The source map is left out on purpose: it is 1 MB and only devtools ask for it.
cp "$chart/dist/chart.umd.min.js" "$lib/chartjs/chart.umd.min.js"
cp "$chart/LICENSE.md" "$lib/chartjs/LICENSE.md"
# The UMD build bundles @kurkle/color (MIT); its licence travels with it.
cp node_modules/@kurkle/color/LICENSE.md "$lib/chartjs/LICENSE-kurkle-color.md"

# SignalR's browser client: the UMD build defines window.signalR (the presence board's live updates).
# The npm package declares the MIT licence but ships no licence file; ours is dotnet/aspnetcore's LICENSE.txt.
cp "$signalr/dist/browser/signalr.min.js" "$lib/signalr/signalr.min.js"
cp "$here/licences/aspnetcore-LICENSE.txt" "$lib/signalr/LICENSE.txt"

# One line per copied file, so a reviewer can compare against a fresh npm pack.
( cd "$lib" && find design-tokens chartjs signalr -type f | LC_ALL=C sort | xargs sha256sum ) > "$lib/SHA256SUMS"

echo "design-tokens $tokens_version, chart.js $chart_version, @microsoft/signalr $signalr_version -> $lib"
echo "Check that $lib/README.md names these versions."
