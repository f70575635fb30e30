#!/usr/bin/env bash
# Fleet benchmark (issue 11): a target set of N databases (default 200) on the local PostgreSQL
# (127.0.0.1:5432, user postgres), named fleet_bench_000 ..., with a 20-revision chain (one table and
# one index each). For --parallel 1, 4 and 8 on fresh databases: wall time of `upgrade heads`, the peak
# number of connections to the members (polled from pg_stat_activity every 50 ms) and the CLI's peak
# memory (max RSS, GNU time); then `status` over all members. Figures go to docs/benchmarks.md.
# Usage: bench/fleet.sh [OUT_DIR] [N]. Drops its databases at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-bench-out}/fleet
n=${2:-200}
[ -f cli/target/migrate.jar ] || mvn -q -B -o -ntp -Dstyle.color=never -DskipTests package
rm -rf "$out" && mkdir -p "$out/m"
for i in $(seq 1 20); do
  id=$(printf 'r%02d' "$i"); down=$([ "$i" = 1 ] && echo "" || printf 'r%02d' $((i - 1)))
  printf -- '-- revision: %s\n-- down_revision: %s\n-- message: table %s\n\n-- migrate:upgrade\nCREATE TABLE t_%02d (id bigint PRIMARY KEY, v text);\nCREATE INDEX ON t_%02d (v);\n\n-- migrate:downgrade\nDROP TABLE t_%02d;\n' \
    "$id" "$down" "$i" "$i" "$i" "$i" > "$out/m/${id}.sql"
done
members=$(seq -f '"%03g"' 0 $((n - 1)) | paste -sd, -)
printf '[scripts]\nlocations = ["m"]\n[targets.fleet]\nurl = "jdbc:postgresql://127.0.0.1:5432/fleet_bench_{name}?user=postgres"\nmembers = [%s]\n' \
  "$members" > "$out/migrate.toml"
admin() { psql -q -h 127.0.0.1 -U postgres -d postgres "$@" >/dev/null 2>&1; }
fresh() {
  for i in $(seq 0 $((n - 1))); do printf 'DROP DATABASE IF EXISTS fleet_bench_%03d;\nCREATE DATABASE fleet_bench_%03d;\n' "$i" "$i"; done \
    | psql -q -h 127.0.0.1 -U postgres -d postgres >/dev/null 2>&1
}
drop() { for i in $(seq 0 $((n - 1))); do printf 'DROP DATABASE IF EXISTS fleet_bench_%03d;\n' "$i"; done | psql -q -h 127.0.0.1 -U postgres -d postgres >/dev/null 2>&1; }
trap drop EXIT
peak_connections() { # polls until $1 (a pid) ends; prints the peak
  local peak=0 c
  while kill -0 "$1" 2>/dev/null; do
    c=$(psql -At -h 127.0.0.1 -U postgres -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE datname LIKE 'fleet_bench_%'" 2>/dev/null || echo 0)
    [ "$c" -gt "$peak" ] && peak=$c
    sleep 0.05
  done
  echo "$peak"
}
now() { date +%s.%N; }
for p in 1 4 8; do
  fresh
  t0=$(now)
  /usr/bin/time -f '%M' -o "$out/rss-$p" bin/migrate -q -c "$out/migrate.toml" upgrade heads --parallel "$p" > "$out/upgrade-$p.log" 2>&1 &
  pid=$!
  peak=$(peak_connections "$pid")
  wait "$pid" || { echo "upgrade --parallel $p failed; see $out/upgrade-$p.log"; exit 1; }
  t1=$(now)
  awk -v a="$t0" -v b="$t1" -v p="$p" -v n="$n" -v peak="$peak" -v rss="$(cat "$out/rss-$p")" \
    'BEGIN { printf "upgrade heads --parallel %d: %d members x 20 revisions in %.1f s (%.0f ms per member), peak %d connections, max RSS %d MB\n", p, n, b - a, (b - a) * 1000 / n, peak, rss / 1024 }'
  tail -1 "$out/upgrade-$p.log"
done
t0=$(now); bin/migrate -c "$out/migrate.toml" status > "$out/status.log"; t1=$(now)
awk -v a="$t0" -v b="$t1" -v n="$(wc -l < "$out/status.log")" 'BEGIN { printf "status: %d rows in %.1f s\n", n, b - a }'
