#!/usr/bin/env bash
# Runner benchmark (issue 3): 1,000 one-statement migrations (CREATE TABLE t_0001 ...), timed as whole
# processes on fresh databases of the local PostgreSQL (127.0.0.1:5432, user postgres):
#   - Strata `upgrade head`;
#   - psql running the same statements with one transaction per migration;
#   - Strata `current` and a no-op `upgrade head` on the migrated database (hyperfine, 10 runs).
# Figures go to docs/benchmarks.md. Usage: bench/runner.sh [OUT_DIR] [ROUNDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-bench-out}/runner
rounds=${2:-3}
n=1000
mvn -q -B -ntp -Dstyle.color=never -DskipTests package
rm -rf "$out" && mkdir -p "$out/m"
sql="$out/psql.sql"
: > "$sql"
for i in $(seq 1 $n); do
  id=$(printf 'r%04d' "$i"); down=$([ "$i" = 1 ] && echo "" || printf 'r%04d' $((i - 1)))
  stmt="CREATE TABLE t_$(printf '%04d' "$i") (id bigint PRIMARY KEY, v text);"
  printf -- '-- revision: %s\n-- down_revision: %s\n-- message: table %s\n\n-- migrate:upgrade\n%s\n\n-- migrate:downgrade\nDROP TABLE t_%04d;\n' \
    "$id" "$down" "$i" "$stmt" "$i" > "$out/m/${id}_table.sql"
  printf 'BEGIN;\n%s\nCOMMIT;\n' "$stmt" >> "$sql"
done
printf '[scripts]\nlocations = ["m"]\n[targets.bench]\nurl = "jdbc:postgresql://127.0.0.1:5432/strata_bench"\nuser = "postgres"\n' > "$out/migrate.toml"
fresh() { psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS strata_bench" -c "CREATE DATABASE strata_bench" 2>/dev/null; }
now() { date +%s.%N; }
for r in $(seq 1 "$rounds"); do
  fresh; t0=$(now); bin/migrate -q -c "$out/migrate.toml" upgrade head; t1=$(now)
  fresh; t2=$(now); psql -q -h 127.0.0.1 -U postgres -d strata_bench -v ON_ERROR_STOP=1 -f "$sql" >/dev/null; t3=$(now)
  awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v r="$r" \
    'BEGIN { s = b - a; p = d - c; printf "round %d: strata upgrade head %.2f s, psql %.2f s, ratio %.2f\n", r, s, p, s / p }'
done
fresh; bin/migrate -q -c "$out/migrate.toml" upgrade head
hyperfine -N -w 2 -r 10 "bin/migrate -c $out/migrate.toml current" "bin/migrate -c $out/migrate.toml upgrade head"
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS strata_bench" 2>/dev/null
