#!/usr/bin/env bash
# Tenant-schema benchmark (issue 11): one database on the local PostgreSQL (127.0.0.1:5432, user
# postgres) holding N tenant schemas, listed by a directory query (members_query), each migrated
# through a 5-revision chain (a table and an index each) into its own schema, with its own version and
# history tables. For N = 500, 1,000 and 2,000 (on a fresh database each time): wall time of
# `upgrade heads --parallel P` (default 4) and of `status --parallel P` over all members, and the time per member,
# so that linear growth shows as a flat per-member time. Figures go to docs/benchmarks.md.
# Usage: bench/tenants.sh [OUT_DIR] [PARALLEL] [SIZES...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-bench-out}/tenants
parallel=${2:-4}
shift 2 2>/dev/null || shift $#
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(500 1000 2000)
[ -f cli/target/migrate.jar ] || mvn -q -B -o -ntp -Dstyle.color=never -DskipTests package
rm -rf "$out" && mkdir -p "$out/m"
for i in $(seq 1 5); do
  id=$(printf 'r%02d' "$i"); down=$([ "$i" = 1 ] && echo "" || printf 'r%02d' $((i - 1)))
  printf -- '-- revision: %s\n-- down_revision: %s\n-- message: table %s\n\n-- migrate:upgrade\nCREATE TABLE t_%02d (id bigint PRIMARY KEY, v text);\nCREATE INDEX ON t_%02d (v);\n\n-- migrate:downgrade\nDROP TABLE t_%02d;\n' \
    "$id" "$down" "$i" "$i" "$i" "$i" > "$out/m/${id}.sql"
done
url="jdbc:postgresql://127.0.0.1:5432/tenants_bench?user=postgres"
printf '[scripts]\nlocations = ["m"]\n[targets.tenants]\nurl = "%s"\nmembers_query = "SELECT schema_name FROM tenant_directory ORDER BY 1"\ndirectory_url = "%s"\n' \
  "$url" "$url" > "$out/migrate.toml"
psql_() { psql -q -h 127.0.0.1 -U postgres "$@" >/dev/null 2>&1; }
trap 'psql_ -d postgres -c "DROP DATABASE IF EXISTS tenants_bench WITH (FORCE)"' EXIT
now() { date +%s.%N; }
for n in "${sizes[@]}"; do
  psql_ -d postgres -c "DROP DATABASE IF EXISTS tenants_bench WITH (FORCE)" -c "CREATE DATABASE tenants_bench"
  psql_ -d tenants_bench -c "CREATE TABLE tenant_directory (schema_name text PRIMARY KEY)" \
    -c "INSERT INTO tenant_directory SELECT format('tenant_%s', lpad(i::text, 5, '0')) FROM generate_series(1, $n) i"
  t0=$(now)
  /usr/bin/time -f '%M' -o "$out/rss-$n" bin/migrate -q -c "$out/migrate.toml" upgrade heads --parallel "$parallel" \
    > "$out/upgrade-$n.log" 2>&1 || { echo "upgrade of $n schemas failed; see $out/upgrade-$n.log"; exit 1; }
  t1=$(now)
  bin/migrate -c "$out/migrate.toml" status --parallel "$parallel" > "$out/status-$n.log"
  t2=$(now)
  tables=$(psql -At -h 127.0.0.1 -U postgres -d tenants_bench -c "SELECT count(*) FROM pg_tables WHERE schemaname LIKE 'tenant\_%' AND tablename LIKE 't\_%'")
  awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$n" -v p="$parallel" -v rss="$(cat "$out/rss-$n")" -v t="$tables" \
    -v rows="$(grep -c 'up to date' "$out/status-$n.log")" \
    'BEGIN { printf "%d schemas: upgrade heads --parallel %d %.1f s (%.1f ms per schema, max RSS %d MB, %d tables made); status %.1f s (%.1f ms per schema, %d rows up to date)\n", n, p, b - a, (b - a) * 1000 / n, rss / 1024, t, c - b, (c - b) * 1000 / n, rows }'
done
