#!/usr/bin/env bash
# Start-up benchmark (issue 4): `migrate --help`, `migrate current` and a no-op `upgrade` as whole
# processes, on the sample project migrated into a fresh database of the local PostgreSQL
# (127.0.0.1:5432, user postgres, trust auth). Figures go to docs/benchmarks.md, "Start-up".
#
#   1. builds if needed; creates database strata_startup and runs `upgrade postgres@head` on it (the
#      branch has a Java migration: compiled once into a temporary STRATA_CACHE_DIR);
#   2. proves which commands load jOOQ: each runs once under bin/migrate with -Xlog:class+load and
#      the org.jooq classes are counted (--help, current, history, a SQL-only upgrade and a SQL-only
#      `upgrade --sql` must load none; `upgrade --sql` over the Java migration must);
#   3. times, with hyperfine, ROUNDS rounds of RUNS runs each (after 3 warm-ups): bin/migrate --help,
#      current and a no-op upgrade; `java -jar` without bin/migrate's options; one-step `upgrade --sql`
#      over a SQL and over a Java migration; and --help and current with jOOQ forced onto the path
#      (bench/JooqOnPath.java renders one CREATE TABLE first), with jOOQ's classes in the archive or not.
#      With BASELINE=DIR (another checkout, built), its bin/migrate --help and current are timed too.
#      Side by side in every round (issue 11): psql running the query `current` runs, a bare JVM
#      (`java -version` with bin/migrate's options) on JDK 17 and on JDK 25, and bin/migrate's --help,
#      current and no-op upgrade on each JDK (STRATA_JAVA_HOME; JDK 25: its AOT cache); each round
#      prints every command's median as a ratio to psql's and to its JDK's bare JVM.
#      Steps 2 and the jOOQ rows of 3 run only with JOOQ=1.
#
# Usage: bench/startup.sh [RUNS] [ROUNDS]   (defaults 20 and 3; OUT=DIR, default bench-out;
#   DB=NAME, default strata_startup; JDK17=DIR, default the PATH's java if older than 25, else
#   /usr/lib/jvm/java-17-openjdk-amd64; JDK25=DIR, default the first /usr/lib/jvm/*25*)
# Other work on the machine inflates wall times: compare the quietest round's medians, and the CPU
# (user + sys) columns, which other load disturbs less.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-20}
rounds=${2:-3}
out=${OUT:-bench-out}/startup
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out"/round-*.json
jar=$PWD/cli/target/migrate.jar

if [ ! -f "$jar" ] || [ -n "$(find pom.xml engine/pom.xml cli/pom.xml engine/src/main cli/src/main -newer "$jar" -type f | head -1)" ]; then
  mvn -q -B -ntp -Dstyle.color=never -DskipTests package
fi
if ! command -v hyperfine >/dev/null; then
  apt-get install -y -q hyperfine >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q hyperfine >/dev/null; }
fi

db=${DB:-strata_startup}
export POSTGRES_URL="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres"
STRATA_CACHE_DIR=$(mktemp -d)
export STRATA_CACHE_DIR
cleanup() {
  rm -rf "$STRATA_CACHE_DIR"
  dropdb -h 127.0.0.1 -U postgres --if-exists "$db" 2>/dev/null || true
}
trap cleanup EXIT
dropdb -h 127.0.0.1 -U postgres --if-exists "$db" 2>/dev/null
createdb -h 127.0.0.1 -U postgres "$db"
m="bin/migrate -c config/migrate.toml --db postgres"
feature() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null; }
jdk17=${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
[ "$(feature "$jdk17")" -lt 25 ] 2>/dev/null || jdk17=/usr/lib/jvm/java-17-openjdk-amd64
jdk25=${JDK25:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)}
[ "$(feature "$jdk25")" -ge 25 ] 2>/dev/null || { echo "no JDK 25 (set JDK25=DIR)" >&2; exit 2; }
export STRATA_JAVA_HOME=$jdk17 # bin/migrate's JDK unless a command names another
# Each JDK's archive (JDK 17: migrate.jsa; JDK 25: migrate.aot) is built first if the jar is new.
STRATA_ARCHIVE=now $m -q upgrade postgres@head
STRATA_JAVA_HOME=$jdk25 STRATA_ARCHIVE=now $m -q current >/dev/null

echo "== Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "== JDKs: $jdk17 ($(feature "$jdk17")), $jdk25 ($(feature "$jdk25"))"
if [ -n "${JOOQ:-}" ]; then
echo "== Which commands load jOOQ (bin/migrate, -Xlog:class+load)"
failed=0
classes() { # EXPECT NAME ARGS...: run bin/migrate once with class loading logged; count org.jooq classes
  local expect=$1 name=$2 log="$out/classes-$2.log"
  shift 2
  rm -f "$log"
  if ! JDK_JAVA_OPTIONS="-Xlog:class+load:file=$log" bin/migrate "$@" >"$out/output-$name.txt" 2>&1; then
    echo "   $name: failed, see $out/output-$name.txt"; failed=1; return
  fi
  local total shared jooq verdict=ok
  total=$(grep -c 'class,load' "$log"); shared=$(grep -c 'source: shared objects file' "$log" || true)
  jooq=$(grep -c ' org\.jooq\.' "$log" || true)
  if { [ "$expect" = none ] && [ "$jooq" != 0 ]; } || { [ "$expect" = some ] && [ "$jooq" = 0 ]; }; then
    verdict="UNEXPECTED"; failed=1
  fi
  printf '   %-58s %5d classes, %5d from the archive, %4d org.jooq  (%s: expected %s)\n' \
    "$name" "$total" "$shared" "$jooq" "$verdict" "$expect"
}
classes none help --help
classes none current -c config/migrate.toml --db postgres current
classes none history -c config/migrate.toml --db postgres history
classes none upgrade-noop -c config/migrate.toml --db postgres upgrade postgres@head
classes none offline-sql-only -c config/migrate.toml --db postgres upgrade b2e1d4c3f5a6:postgres@head --sql
classes some offline-java -c config/migrate.toml --db postgres upgrade a1f0c3d2e4b5:b2e1d4c3f5a6 --sql
# Online SQL-only upgrades. Down to base, then up to a1f0c3d2e4b5: one SQL revision, nothing applied
# before it. Then up to c3d2e5f4a6b7 (running the Java migration b2e1d4c3f5a6), and up to the head: two
# SQL revisions run, with the Java migration among the applied revisions whose checksums are verified.
$m -q downgrade base
classes none upgrade-sql-first -c config/migrate.toml --db postgres upgrade a1f0c3d2e4b5
$m -q upgrade c3d2e5f4a6b7
classes none upgrade-sql-after-java -c config/migrate.toml --db postgres upgrade postgres@head
classes none status -c config/migrate.toml --db postgres status
[ "$failed" = 0 ] || echo "   !! a command failed, or loaded jOOQ where it should not (see above)"

# jOOQ forced onto the path: bench/JooqOnPath renders one query, then runs Main.
jsa=$PWD/cli/target/migrate.jsa
[ -w cli/target ] || jsa="${XDG_CACHE_HOME:-$HOME/.cache}/strata/migrate-$(printf '%s' "$jar" | cksum | cut -d' ' -f1).jsa"
opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:cds=off -Xlog:cds+dynamic=off" # as bin/migrate
# (In a jar: class-data sharing takes no non-empty directory on the class path.)
rm -rf "$out/jooq-on-path" && mkdir -p "$out/jooq-on-path"
javac -nowarn -cp "$jar" -d "$out/jooq-on-path" bench/JooqOnPath.java
jar cf "$out/jooq-on-path.jar" -C "$out/jooq-on-path" .
withjooq="java $opts -XX:SharedArchiveFile=$jsa -cp $jar:$out/jooq-on-path.jar dev.strata.bench.JooqOnPath"
# The same, with an archive whose training also rendered the query (jOOQ's classes archived).
java $opts -XX:DumpLoadedClassList="$out/jooq.classlist" -cp "$jar" dev.strata.cli.CdsTraining >/dev/null 2>&1
java $opts -XX:DumpLoadedClassList="$out/jooq2.classlist" -cp "$jar:$out/jooq-on-path.jar" dev.strata.bench.JooqOnPath --help >/dev/null 2>&1
cat "$out/jooq2.classlist" >> "$out/jooq.classlist"
rm -f "$out/jooq.jsa"
java $opts -Xshare:dump -XX:SharedClassListFile="$out/jooq.classlist" -XX:SharedArchiveFile="$out/jooq.jsa" -cp "$jar:$out/jooq-on-path.jar" >/dev/null 2>&1
withjooqcds="java $opts -XX:SharedArchiveFile=$out/jooq.jsa -cp $jar:$out/jooq-on-path.jar dev.strata.bench.JooqOnPath"
fi

bare="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version"
j25="env STRATA_JAVA_HOME=$jdk25 bin/migrate -c config/migrate.toml --db postgres"
cmds=(
  "psql -X -q -h 127.0.0.1 -U postgres -d $db -Atc 'select version_num from strata_version'"
  "$jdk17/bin/java $bare"
  "$jdk25/bin/java $bare"
  "bin/migrate --help"
  "$m current"
  "$m upgrade postgres@head"
  "env STRATA_JAVA_HOME=$jdk25 bin/migrate --help"
  "$j25 current"
  "$j25 upgrade postgres@head"
)
names=(
  "psql: the query of current" "bare JVM 17: java -version" "bare JVM 25: java -version"
  "JDK 17 bin/migrate help" "JDK 17 bin/migrate current" "JDK 17 bin/migrate upgrade (no-op)"
  "JDK 25 bin/migrate help" "JDK 25 bin/migrate current" "JDK 25 bin/migrate upgrade (no-op)"
)
if [ -n "${JOOQ:-}" ]; then
cmds+=(
  "java -jar $jar --help"
  "java -jar $jar -c config/migrate.toml --db postgres current"
  "$m upgrade b2e1d4c3f5a6:c3d2e5f4a6b7 --sql"
  "$m upgrade a1f0c3d2e4b5:b2e1d4c3f5a6 --sql"
  "$withjooq --help"
  "$withjooq -c config/migrate.toml --db postgres current"
  "$withjooqcds --help"
  "$withjooqcds -c config/migrate.toml --db postgres current"
)
names+=(
  "java -jar, no options: help" "java -jar, no options: current"
  "upgrade --sql, 1 SQL step" "upgrade --sql, 1 Java step (jOOQ)"
  "jOOQ forced, not archived: help" "jOOQ forced, not archived: current"
  "jOOQ forced, archived: help" "jOOQ forced, archived: current"
)
fi
if [ -n "${BASELINE:-}" ]; then
  [ -f "$BASELINE/bin/migrate" ] && [ -f "$BASELINE/cli/target/migrate.jar" ] || { echo "BASELINE=$BASELINE: not a built checkout" >&2; exit 2; }
  "$BASELINE/bin/migrate" --version >/dev/null # builds its archive
  cmds+=("$BASELINE/bin/migrate --help" "$BASELINE/bin/migrate -c config/migrate.toml --db postgres current")
  names+=("baseline help" "baseline current")
fi
for c in "${cmds[@]}"; do bash -c "$c" >/dev/null 2>&1 || { echo "failed: $c" >&2; exit 1; }; done
[ -z "${JOOQ:-}" ] || [ -s "$out/jooq.jsa" ] || { echo "could not dump $out/jooq.jsa" >&2; exit 1; }

# hyperfine's -n NAME goes before each command; no name may start with a dash.
for r in $(seq 1 "$rounds"); do
  echo "== Round $r of $rounds: $runs runs each after 3 warm-ups; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  args=()
  for i in "${!cmds[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
  hyperfine -N -w 3 -r "$runs" --style none --export-json "$out/round-$r.json" "${args[@]}" >/dev/null 2>"$out/hyperfine-$r.err" || {
    cat "$out/hyperfine-$r.err" >&2; exit 1; }
  jq -r '(.results[0].median) as $psql | (.results[1].median) as $j17 | (.results[2].median) as $j25 | .results[] |
      [.command, (.median*1000|round), (.min*1000|round), (.mean*1000|round), (.stddev*1000|round),
      (.user*1000|round), (.system*1000|round), (.median/$psql*100|round/100),
      ((if (.command|startswith("JDK 25")) then .median/$j25 elif (.command|startswith("JDK 17")) then .median/$j17 else 0 end)*100|round/100)] | @tsv' "$out/round-$r.json" |
    awk -F'\t' 'BEGIN { printf "   %-38s %7s %7s %12s %9s %8s %8s\n", "", "median", "min", "mean ± σ", "user+sys", "÷psql", "÷bareJVM" }
                { printf "   %-38s %5d ms %4d ms %5d ± %3d ms %6d ms %7.2fx %7s\n", $1, $2, $3, $4, $5, $6 + $7, $8, ($9 == 0 ? "" : sprintf("%.2fx", $9)) }'
done
echo "== Per command over the $rounds rounds: medians (lowest first), the lowest single run, the lowest CPU (user+sys, mean)"
jq -rs '[.[].results[]] | group_by(.command)[] | [.[0].command, ([.[].median*1000|round]|sort|map(tostring)|join(", ")),
    ([.[].min*1000|round]|min), ([.[]|(.user+.system)*1000|round]|min)] | @tsv' "$out"/round-*.json |
  awk -F'\t' '{ printf "   %-38s medians %s ms; fastest run %d ms; CPU %d ms\n", $1, $2, $3, $4 }'
# A command that loaded jOOQ where it should not is reported above, not a failure of the benchmark.
