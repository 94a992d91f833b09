#!/usr/bin/env bash
# Issue 2's start-up figures: `zaitaku demo` from start to the first page served (after a build), on a
# fresh data folder (migrations and the seeding of デモ市 included) and again on the same folder; then
# the process's resident memory after it has been idle for a while.
#   bench/scripts/demo-start.sh [runs] [idle-seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
idle=${2:-30}
dotnet build -c Release src/Zaitaku.Server -nologo -v q >/dev/null
dll=src/Zaitaku.Server/bin/Release/net10.0/zaitaku.dll
port=$(( 20000 + RANDOM % 20000 ))
gateway_port=$(( port + 1 ))   # the demo's stand-in systems take gateway_port + 1

start_once() { # prints seconds to the first 200 of /login
  local data=$1 started pid
  started=$(date +%s.%N)
  dotnet "$dll" demo --data "$data" --port "$port" --gateway-port "$gateway_port" >"$data.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/login"; do
    kill -0 "$pid" 2>/dev/null || { echo "zaitaku demo exited; see $data.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "$(echo "$(date +%s.%N) - $started" | bc -l) $pid"
}

stop() { # the demo runs in start_once's subshell, so it is not this shell's child: wait until it is gone
  kill "$1" 2>/dev/null || true
  while kill -0 "$1" 2>/dev/null; do sleep 0.05; done
}

for i in $(seq 1 "$runs"); do
  data=$(mktemp -d)
  read -r fresh pid < <(start_once "$data/zaitaku-data")
  stop "$pid"
  read -r again pid < <(start_once "$data/zaitaku-data")
  if [ "$i" -eq "$runs" ]; then
    curl -fs -o /dev/null "http://127.0.0.1:$port/login"
    sleep "$idle"
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  fi
  stop "$pid"
  rm -rf "$data"
  printf 'run %d: first page %.2f s on a fresh folder (migrations included; デモ市 is seeded behind the first page), %.2f s on the seeded folder\n' "$i" "$fresh" "$again"
done
printf 'resident memory after %d s idle: %d MB\n' "$idle" "$(( rss / 1024 ))"
