#!/usr/bin/env bash
# Builds the shared libraries of OpenSSL 3.5 (Debian 13's version; this machine's Debian 12 has 3.0) into a cache
# folder and prints the folder, for running a benchmark with it:
#   LD_LIBRARY_PATH=$(bench/scripts/openssl-3.5.sh) dotnet bench/.../Zaitaku.Benchmarks.dll scenario posture --generator ab
# .NET, nginx and ab all load libssl.so.3 / libcrypto.so.3, so LD_LIBRARY_PATH switches every process of a run.
# The source is Debian's own upstream tarball from deb.debian.org (the mirror apt uses), checked by its SHA-256.
# Nothing is installed system-wide. Needs build-essential and perl (installed when missing).
set -euo pipefail
version=3.5.7
sha256=a8c0d28a529ca480f9f36cf5792e2cd21984552a3c8e4aa11a24aa31aeac98e8
cache="${XDG_CACHE_HOME:-$HOME/.cache}/zaitaku/openssl-$version"
if [[ -f "$cache/lib/libssl.so.3" && -f "$cache/lib/libcrypto.so.3" ]]; then echo "$cache/lib"; exit 0; fi
command -v cc >/dev/null && command -v make >/dev/null && command -v perl >/dev/null \
  || { apt-get install -y -q build-essential perl >&2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
curl -fsS --max-time 300 -o "$work/openssl.tar.gz" "http://deb.debian.org/debian/pool/main/o/openssl/openssl_${version}.orig.tar.gz"
echo "$sha256  $work/openssl.tar.gz" | sha256sum -c --quiet >&2
tar -xzf "$work/openssl.tar.gz" -C "$work"
cd "$work/openssl-$version"
./Configure --prefix="$cache" --libdir=lib shared no-tests no-docs >&2
nice -n 10 make -j"$(nproc)" build_libs >&2
mkdir -p "$cache/lib"
cp -a libssl.so.3 libcrypto.so.3 "$cache/lib/"
echo "$cache/lib"
