#!/usr/bin/env bash
# Issue 3's posture figure with ApacheBench as the load generator: the gateway (every report stored), a minimal
# Kestrel server with the same TLS, and nginx with the same mutual TLS, each driven by ab with a full handshake per
# check-in. Runs twice: on this machine's OpenSSL, then on OpenSSL 3.5 (bench/scripts/openssl-3.5.sh), both with
# the gateway settings the operator guide recommends (DOTNET_GCgen0size: a 64 MB first generation).
# Extra arguments pass through, e.g. ./bench/scripts/posture.sh --seconds 60
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v ab >/dev/null || apt-get install -y -q apache2-utils
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt-get install -y -q nginx-light
openssl35=$(bench/scripts/openssl-3.5.sh)
nice -n 10 dotnet build -c Release bench/Zaitaku.Benchmarks -v quiet -nologo
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x4000000}"
run() { dotnet bench/Zaitaku.Benchmarks/bin/Release/net10.0/Zaitaku.Benchmarks.dll scenario posture --warmup 30 --seconds 20 --generator ab "$@"; }
echo "== the system's OpenSSL ($(openssl version))"
run "$@"
echo "== OpenSSL 3.5 ($openssl35)"
LD_LIBRARY_PATH="$openssl35" run "$@"
