#!/usr/bin/env bash
# Runs every test of Zaitaku: unit, API and data tests on SQLite and PostgreSQL, CLI tests, browser
# tests in headless Chromium, and the look checks of the console's stylesheet.
#
# Installs what the tests need when it is missing (Debian: chromium, fonts-noto-cjk, postgresql,
# nodejs), starts a throwaway PostgreSQL cluster in a temporary folder on a free loopback port for
# the run, and stops and removes it at the end, also when a test fails.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s chromium-l10n >/dev/null 2>&1 || missing+=(chromium-l10n)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK JP" || missing+=(fonts-noto-cjk)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v node >/dev/null || missing+=(nodejs)
command -v runuser >/dev/null || missing+=(util-linux)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A throwaway PostgreSQL cluster, only for this run.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/zaitaku-pg.XXXXXX")
free_port() {
  local port
  for port in $(shuf -i 20000-60000 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  return 1
}
pg_port=$(free_port)
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
stop_pg() {
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT
as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust --no-locale -E UTF8 >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
export ZAITAKU_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
echo "test.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

# Browser tests save screenshots; a test run keeps them out of docs/ (refresh docs/screenshots with
# ZAITAKU_SCREENSHOTS=docs/screenshots dotnet test tests/Zaitaku.BrowserTests).
export ZAITAKU_SCREENSHOTS="${ZAITAKU_SCREENSHOTS:-$pg_dir/screenshots}"

dotnet test Zaitaku.slnx --nologo "$@"
node --test tools/frontend/checks/
