#!/usr/bin/env bash
# Autogenerate benchmark (issue 9): a schema of 1,000 tables, 6,000 columns, 2,000 indexes and 500
# foreign keys (bench/autogen/generate.py) on the local PostgreSQL (127.0.0.1:5432, user postgres).
#   - `migrate diff` with no change, end to end (the desired SQL replayed into a scratch database
#     created and dropped by Strata, both catalogs read, compared): wall time and peak memory;
#   - `migrate revision --autogenerate` after 50 changes (20 added columns, 10 type changes,
#     10 dropped defaults, 10 new indexes);
#   - baseline in the same run: Alembic's compare_metadata (Debian's python3-alembic) on the same
#     schema, the desired database reflected into a MetaData, as a model would give it.
# Figures go to docs/benchmarks.md. Usage: bench/autogen.sh [OUT_DIR] [ROUNDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-bench-out}/autogen
rounds=${2:-3}
mvn -q -B -ntp -Dstyle.color=never -DskipTests package
rm -rf "$out" && mkdir -p "$out/m" "$out/schema"
python3 bench/autogen/generate.py "$out"
psql_() { psql -q -h 127.0.0.1 -U postgres "$@"; }
fresh() { psql_ -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" 2>/dev/null; }
now() { date +%s.%N; }

# The live database holds base.sql, applied by one revision; the desired schema is base.sql, then changed.sql.
fresh strata_bench_live
printf -- '-- revision: b1\n-- down_revision:\n-- message: base\n\n-- migrate:upgrade\n' > "$out/m/b1_base.sql"
cat "$out/base.sql" >> "$out/m/b1_base.sql"
printf '\n-- migrate:downgrade\nSELECT 1;\n' >> "$out/m/b1_base.sql"
cp "$out/base.sql" "$out/schema/schema.sql"
printf '[scripts]\nlocations = ["m"]\n[targets.bench]\nurl = "jdbc:postgresql://127.0.0.1:5432/strata_bench_live"\nuser = "postgres"\ndesired_schema = ["schema"]\n' > "$out/migrate.toml"
bin/migrate -q -c "$out/migrate.toml" upgrade heads
fresh strata_bench_desired
psql_ -d strata_bench_desired -v ON_ERROR_STOP=1 -f "$out/base.sql" >/dev/null

echo "== no change: migrate diff (exit 0 expected) vs Alembic compare_metadata"
for r in $(seq 1 "$rounds"); do
  t0=$(now)
  /usr/bin/time -f "%M" -o "$out/mem" bin/migrate -q -c "$out/migrate.toml" diff >/dev/null
  t1=$(now)
  alembic=$(/usr/bin/python3 bench/autogen/alembic_compare.py postgresql://postgres@127.0.0.1/strata_bench_live postgresql://postgres@127.0.0.1/strata_bench_desired)
  awk -v a="$t0" -v b="$t1" -v r="$r" -v m="$(cat "$out/mem")" -v al="$alembic" \
    'BEGIN { split(al, f, " "); printf "round %d: strata diff %.2f s (peak RSS %d MB); %s; ratio %.1fx\n", r, b - a, m / 1024, al, f[8] / (b - a) }'
done

echo "== 50 changes: migrate revision --autogenerate vs Alembic compare_metadata"
cp "$out/changed.sql" "$out/schema/schema.sql"
fresh strata_bench_desired
psql_ -d strata_bench_desired -v ON_ERROR_STOP=1 -f "$out/changed.sql" >/dev/null
for r in $(seq 1 "$rounds"); do
  rm -f "$out"/m/auto*.sql
  t0=$(now)
  /usr/bin/time -f "%M" -o "$out/mem" bin/migrate -q -c "$out/migrate.toml" revision --autogenerate -m "fifty changes" --rev-id "auto$r" >/dev/null
  t1=$(now)
  alembic=$(/usr/bin/python3 bench/autogen/alembic_compare.py postgresql://postgres@127.0.0.1/strata_bench_live postgresql://postgres@127.0.0.1/strata_bench_desired)
  awk -v a="$t0" -v b="$t1" -v r="$r" -v m="$(cat "$out/mem")" -v al="$alembic" \
    'BEGIN { split(al, f, " "); printf "round %d: strata revision --autogenerate %.2f s (peak RSS %d MB); %s; ratio %.1fx\n", r, b - a, m / 1024, al, f[8] / (b - a) }'
done
grep -c "^Detected\|^-- " "$out"/m/auto*.sql | tail -1 || true
psql_ -d postgres -c "DROP DATABASE IF EXISTS strata_bench_live" -c "DROP DATABASE IF EXISTS strata_bench_desired" 2>/dev/null
