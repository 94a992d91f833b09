#!/usr/bin/env bash
# Issue 5's side-by-side figure: nginx (ssl_verify_client on, keep-alive proxy_pass, access log) against
# the Zaitaku gateway, same upstream, connections and duration, with a load generator that presents the
# lent PC's client certificate. Builds Release, then runs the scenario; extra arguments pass through,
# e.g. ./bench/scripts/gateway-vs-nginx.sh --seconds 30 --rounds 5
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    echo "nginx is missing: installing Debian's nginx-light" >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y nginx-light; else sudo apt-get install -y nginx-light; fi
fi
# The Debian package starts a system nginx on port 80; the scenario runs its own from a temp folder and needs none.

nice -n 10 dotnet build -c Release bench/Zaitaku.Benchmarks -v quiet -nologo
exec nice -n 10 dotnet bench/Zaitaku.Benchmarks/bin/Release/net10.0/Zaitaku.Benchmarks.dll \
    scenario gateway-vs-nginx --connections 32 --seconds 15 --warmup 3 --rounds 3 "$@"
