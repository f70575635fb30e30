#!/usr/bin/env bash
# Autogenerate benchmark (issue 9): a schema of 1,000 tables, 6,000 columns, 2,000 indexes and 500
# foreign keys (bench/autogen/generate.py) on the local PostgreSQL (127.0.0.1:5432, user postgres).
#   - `migrate diff` with no change, end to end: cold (the desired SQL replayed into a scratch database
#     created and dropped by Strata, both catalogs read, compared) and warm (a scratch_url database that
#     already holds the same desired SQL is read as it is); wall time and peak memory; and `psql -f` of
#     the same desired SQL into an empty database, the floor of any replay;
#   - `migrate revision --autogenerate` after 50 changes (20 added columns, 10 type changes,
#     10 dropped defaults, 10 new indexes);
#   - baseline in the same run: Alembic's compare_metadata (Debian's python3-alembic) on the same
#     schema, the desired database reflected into a MetaData, as a model would give it.
# Figures go to docs/benchmarks.md. Usage: bench/autogen.sh [OUT_DIR] [ROUNDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! /usr/bin/python3 -c 'import alembic, psycopg2' 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "bench/autogen.sh: installing Debian's python3-alembic and python3-psycopg2 (the Alembic baseline)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-alembic python3-psycopg2 >/dev/null
  else
    echo "bench/autogen.sh: the Alembic baseline needs Debian's python3-alembic and python3-psycopg2" >&2
    exit 2
  fi
fi
out=${1:-bench-out}/autogen
rounds=${2:-3}
mvn -q -B -ntp -Dstyle.color=never -DskipTests package
rm -rf "$out" && mkdir -p "$out/m" "$out/schema"
/usr/bin/python3 bench/autogen/generate.py "$out"
psql_() { psql -q -h 127.0.0.1 -U postgres "$@"; }
fresh() { psql_ -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" 2>/dev/null; }
now() { date +%s.%N; }

# The live database holds base.sql, applied by one revision; the desired schema is base.sql, then changed.sql.
fresh strata_bench_live
printf -- '-- revision: b1\n-- down_revision:\n-- message: base\n\n-- migrate:upgrade\n' > "$out/m/b1_base.sql"
cat "$out/base.sql" >> "$out/m/b1_base.sql"
printf '\n-- migrate:downgrade\nSELECT 1;\n' >> "$out/m/b1_base.sql"
cp "$out/base.sql" "$out/schema/schema.sql"
printf '[scripts]\nlocations = ["m"]\n[targets.bench]\nurl = "jdbc:postgresql://127.0.0.1:5432/strata_bench_live"\nuser = "postgres"\ndesired_schema = ["schema"]\nscratch_url = "${BENCH_SCRATCH_URL:-}"\n' > "$out/migrate.toml"
bin/migrate -q -c "$out/migrate.toml" upgrade heads
fresh strata_bench_desired
psql_ -d strata_bench_desired -v ON_ERROR_STOP=1 -f "$out/base.sql" >/dev/null
scratch_url="jdbc:postgresql://127.0.0.1:5432/strata_bench_scratch?user=postgres"

# secs CMD...: runs CMD, prints its wall time in seconds; its peak RSS (MB) goes to $out/mem.
secs() {
  local t0 t1
  t0=$(now)
  /usr/bin/time -f "%M" -o "$out/mem" "$@" >/dev/null
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}
mem() { awk '{ printf "%d", $1 / 1024 }' "$out/mem"; }
# The total seconds of alembic_compare.py's line (its 9th field).
alembic_total() { awk '{ print $9 }' <<<"$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

echo "== no change: migrate diff (exit 0 expected), cold and warm, against psql and Alembic in the same round"
fresh strata_bench_scratch
for r in $(seq 1 "$rounds"); do
  fresh strata_bench_replay
  psql_s=$(secs psql -q -h 127.0.0.1 -U postgres -d strata_bench_replay -v ON_ERROR_STOP=1 -f "$out/base.sql")
  cold=$(BENCH_SCRATCH_URL="" secs bin/migrate -q -c "$out/migrate.toml" diff); cold_mem=$(mem)
  # Warm: the scratch_url database already holds this desired SQL (the first round's replay marked it).
  BENCH_SCRATCH_URL="$scratch_url" secs bin/migrate -q -c "$out/migrate.toml" diff >/dev/null
  warm=$(BENCH_SCRATCH_URL="$scratch_url" secs bin/migrate -q -c "$out/migrate.toml" diff); warm_mem=$(mem)
  alembic=$(/usr/bin/python3 bench/autogen/alembic_compare.py postgresql://postgres@127.0.0.1/strata_bench_live postgresql://postgres@127.0.0.1/strata_bench_desired)
  al=$(alembic_total "$alembic")
  echo "round $r: psql -f of the desired SQL $psql_s s; strata diff cold (temporary database, replay) $cold s" \
    "(peak RSS $cold_mem MB), warm (scratch_url kept) $warm s (peak RSS $warm_mem MB); $alembic;" \
    "Alembic/strata cold $(ratio "$al" "$cold")x, warm $(ratio "$al" "$warm")x; strata cold/psql $(ratio "$cold" "$psql_s")x"
done

echo "== 50 changes: migrate revision --autogenerate (cold) vs Alembic compare_metadata"
cp "$out/changed.sql" "$out/schema/schema.sql"
fresh strata_bench_desired
psql_ -d strata_bench_desired -v ON_ERROR_STOP=1 -f "$out/changed.sql" >/dev/null
for r in $(seq 1 "$rounds"); do
  rm -f "$out"/m/auto*.sql
  gen=$(BENCH_SCRATCH_URL="" secs bin/migrate -q -c "$out/migrate.toml" revision --autogenerate -m "fifty changes" --rev-id "auto$r")
  gen_mem=$(mem)
  alembic=$(/usr/bin/python3 bench/autogen/alembic_compare.py postgresql://postgres@127.0.0.1/strata_bench_live postgresql://postgres@127.0.0.1/strata_bench_desired)
  echo "round $r: strata revision --autogenerate $gen s (peak RSS $gen_mem MB); $alembic; Alembic/strata $(ratio "$(alembic_total "$alembic")" "$gen")x"
done
echo "statements in the generated revision: $(grep -c ';$' "$out"/m/auto*.sql | tail -1)"
psql_ -d postgres -c "DROP DATABASE IF EXISTS strata_bench_live" -c "DROP DATABASE IF EXISTS strata_bench_desired" \
  -c "DROP DATABASE IF EXISTS strata_bench_scratch" -c "DROP DATABASE IF EXISTS strata_bench_replay" 2>/dev/null
