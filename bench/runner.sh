#!/usr/bin/env bash
# Runner benchmark (issues 3 and 11): 1,000 one-statement migrations (CREATE TABLE t_0001 ...), timed as
# whole processes on fresh databases of the local PostgreSQL (127.0.0.1:5432, user postgres):
#   - Strata `upgrade head` on JDK 17 and on JDK 25 (bin/migrate with STRATA_JAVA_HOME; each JDK's
#     start-up archive made first), and BASELINE=DIR's bin/migrate (another built checkout) if given;
#   - psql running the same statements with one transaction per migration (BEGIN; ...; COMMIT;);
#   - psql sending what Strata sends, in the same round trips: the statements, then the session reset,
#     the version and history rows and COMMIT in one ("recorded": the floor for any tool that records);
#   - then, on the migrated database, psql's `select version_num` and Strata `current` and a no-op
#     `upgrade head` on both JDKs (hyperfine, 10 runs after 2 warm-ups).
# Each round prints wall time and CPU time (user + sys) per run, and Strata's ratio to psql in that round.
# Figures go to docs/benchmarks.md. Usage: bench/runner.sh [OUT_DIR] [ROUNDS]
#   (DB=NAME, default strata_bench; JDK17=DIR, JDK25=DIR as in bench/startup.sh; NOBUILD=1 skips the build;
#   SYNC=off runs both on a database with synchronous_commit = off: no commit waits for its WAL flush,
#   which on a disk shared with other work varies more than everything else put together, so what is
#   left is the client's own cost per migration, round trips included; RAM=1 puts the database in a
#   tablespace on /dev/shm (needs root): CREATE TABLE then creates its files in memory, which takes out
#   the disk's noise that dominates both psql and Strata on a shared machine)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-bench-out}/runner
rounds=${2:-3}
db=${DB:-strata_bench}
n=1000
command -v hyperfine >/dev/null || apt-get install -y -q hyperfine >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q hyperfine >/dev/null; }
[ -n "${NOBUILD:-}" ] || mvn -q -B -o -Dstyle.color=never -DskipTests package
rm -rf "$out" && mkdir -p "$out/m"
out=$(cd "$out" && pwd)
feature() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null; }
jdk17=${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
[ "$(feature "$jdk17")" -lt 25 ] 2>/dev/null || jdk17=/usr/lib/jvm/java-17-openjdk-amd64
jdk25=${JDK25:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)}
[ "$(feature "$jdk25")" -ge 25 ] 2>/dev/null || { echo "no JDK 25 (set JDK25=DIR)" >&2; exit 2; }
sql="$out/psql.sql"
rec="$out/psql-recorded.sql"
: > "$sql"
: > "$rec.body"
# psql-recorded.sql: what Strata sends, in the round trips it sends it in (\; joins statements into one
# round trip): the statement with BEGIN, then the session reset, the version and history rows and
# COMMIT together. Its tables are Strata's own (`upgrade --sql` prints their DDL).
reset="RESET SESSION AUTHORIZATION \\; RESET ROLE \\; RESET ALL \\; SET client_connection_check_interval = '1s'"
cols="revision, direction, checksum, message, started_at, finished_at, duration_ms, applied_by, tool_version, outcome, error"
for i in $(seq 1 $n); do
  id=$(printf 'r%04d' "$i"); down=$([ "$i" = 1 ] && echo "" || printf 'r%04d' $((i - 1)))
  stmt="CREATE TABLE t_$(printf '%04d' "$i") (id bigint PRIMARY KEY, v text);"
  printf -- '-- revision: %s\n-- down_revision: %s\n-- message: table %s\n\n-- migrate:upgrade\n%s\n\n-- migrate:downgrade\nDROP TABLE t_%04d;\n' \
    "$id" "$down" "$i" "$stmt" "$i" > "$out/m/${id}_table.sql"
  printf 'BEGIN;\n%s\nCOMMIT;\n' "$stmt" >> "$sql"
  if [ "$i" = 1 ]; then change="INSERT INTO strata_version (version_num) VALUES ('$id')"
  else change="UPDATE strata_version SET version_num = '$id' WHERE version_num = '$down'"; fi
  printf 'BEGIN \\; %s\n%s \\; WITH changed AS (%s RETURNING 1) INSERT INTO strata_history (%s) SELECT %s FROM (SELECT count(*) AS n FROM changed) c WHERE CASE WHEN c.n = 1 THEN true ELSE (%s || c.n)::boolean END \\; COMMIT;\n' \
    "$stmt" "$reset" "$change" "$cols" \
    "'$id', 'upgrade', 'v1:$(printf '%064d' "$i")', 'table $i', now(), now(), 0, current_user || ' via bench', 'bench', 'applied', NULL" \
    "'changed under this run: '" >> "$rec.body"
done
printf '[scripts]\nlocations = ["m"]\n[targets.bench]\nurl = "jdbc:postgresql://127.0.0.1:5432/%s"\nuser = "postgres"\n' "$db" > "$out/migrate.toml"
{ bin/migrate -q -c "$out/migrate.toml" upgrade r0001 --sql | sed -n '/^CREATE TABLE IF NOT EXISTS/,/^);/p'; cat "$rec.body"; } > "$rec"
where=""
if [ -n "${RAM:-}" ]; then
  mkdir -p /dev/shm/strata_bench_ts && chown postgres:postgres /dev/shm/strata_bench_ts
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP TABLESPACE IF EXISTS strata_bench_ram" \
    -c "CREATE TABLESPACE strata_bench_ram LOCATION '/dev/shm/strata_bench_ts'"
  where=" TABLESPACE strata_bench_ram"
fi
fresh() {
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db$where" 2>/dev/null
  [ "${SYNC:-on}" = on ] || psql -q -h 127.0.0.1 -U postgres -d postgres -c "ALTER DATABASE $db SET synchronous_commit = off"
}
trap 'psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
  [ -z "${RAM:-}" ] || psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP TABLESPACE IF EXISTS strata_bench_ram" 2>/dev/null' EXIT
# Each JDK's start-up archive (and the baseline's) is made before the rounds.
for j in "$jdk17" "$jdk25"; do STRATA_JAVA_HOME=$j STRATA_ARCHIVE=now bin/migrate --version >/dev/null; done
[ -z "${BASELINE:-}" ] || STRATA_JAVA_HOME=$jdk17 STRATA_ARCHIVE=now "$BASELINE/bin/migrate" --version >/dev/null

TIMEFORMAT='%R %U %S'
timed() { # NAME COMMAND...: on a fresh database; appends "NAME wall cpu" to $out/times
  local name=$1 t
  shift
  fresh
  t=$( { time "$@" >/dev/null 2>"$out/$name.err"; } 2>&1 ) || { cat "$out/$name.err" >&2; exit 1; }
  echo "$name $t" | awk '{ printf "%s %.3f %.3f\n", $1, $2, $3 + $4 }' >> "$out/times"
}
echo "== synchronous_commit ${SYNC:-on}${RAM:+, database on /dev/shm}; machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); JDKs $jdk17, $jdk25; $(psql -h 127.0.0.1 -U postgres -Atc 'select version()' | cut -d, -f1)"
for r in $(seq 1 "$rounds"); do
  : > "$out/times"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  timed psql psql -q -X -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -f "$sql"
  timed recorded psql -q -X -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -f "$rec"
  timed jdk17 env STRATA_JAVA_HOME="$jdk17" bin/migrate -q -c "$out/migrate.toml" upgrade head
  timed jdk25 env STRATA_JAVA_HOME="$jdk25" bin/migrate -q -c "$out/migrate.toml" upgrade head
  [ -z "${BASELINE:-}" ] || timed baseline env STRATA_JAVA_HOME="$jdk17" "$BASELINE/bin/migrate" -q -c "$out/migrate.toml" upgrade head
  timed psql2 psql -q -X -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -f "$sql"
  # psql runs first and last in the round; the ratio is to the mean of its two runs, and (in brackets)
  # to psql sending what Strata sends, recording included ("recorded").
  awk -v r="$r" -v la="$load" '{ wall[$1] = $2; cpu[$1] = $3; order[NR] = $1 }
    END { p = (wall["psql"] + wall["psql2"]) / 2; printf "round %d (load %s): psql %.2f s / %.2f s (CPU %.2f s)", r, la, wall["psql"], wall["psql2"], (cpu["psql"] + cpu["psql2"]) / 2
          for (i = 1; i <= NR; i++) { k = order[i]; if (k == "psql" || k == "psql2") continue
            printf "; %s %.2f s (CPU %.2f s) = %.2fx", k, wall[k], cpu[k], wall[k] / p
            if (k != "recorded") printf " [%.2fx recorded]", wall[k] / wall["recorded"] }
          printf "\n" }' "$out/times"
done
fresh; bin/migrate -q -c "$out/migrate.toml" upgrade head
hyperfine -N -w 2 -r 10 --style basic \
  -n "psql select version_num" "psql -X -q -h 127.0.0.1 -U postgres -d $db -Atc 'select version_num from strata_version'" \
  -n "JDK 17 current" "env STRATA_JAVA_HOME=$jdk17 bin/migrate -c $out/migrate.toml current" \
  -n "JDK 17 upgrade head (no-op)" "env STRATA_JAVA_HOME=$jdk17 bin/migrate -c $out/migrate.toml upgrade head" \
  -n "JDK 25 current" "env STRATA_JAVA_HOME=$jdk25 bin/migrate -c $out/migrate.toml current" \
  -n "JDK 25 upgrade head (no-op)" "env STRATA_JAVA_HOME=$jdk25 bin/migrate -c $out/migrate.toml upgrade head" 2>&1 |
  grep -E '^Benchmark|Time|Range'
