#!/usr/bin/env bash
# Graph benchmark (issue 2): generate 10,000 and 100,000 revisions as files (two labelled branches,
# side branches merging back, depends_on across branches), then load, validate and plan base -> heads
# in one JVM capped at 512 MB heap, and time `migrate heads` on the 10,000-revision project as a whole
# process. Figures go to docs/benchmarks.md. Usage: bench/graph.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-bench-out}
mvn -q -B -DskipTests package >/dev/null
mvn -q -B -pl engine test-compile >/dev/null
cp=$(mvn -q -B -pl engine dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
cp="engine/target/classes:engine/target/test-classes:$cp"
for n in 10000 100000; do
  if [ ! -d "$out/p$n" ]; then
    java -cp "$cp" dev.strata.bench.GenerateProject "$n" "$out/p$n"
  fi
  echo "== $n revisions: load + validate + plan base->heads, -Xmx512m, bin/migrate's JVM flags"
  java -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" dev.strata.bench.GraphBench "$out/p$n" 5
done
for n in 10000 100000; do
  echo "== migrate heads on $n revisions, whole process"
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 2 -r 10 "bin/migrate -c $out/p$n/migrate.toml heads"
  else
    for i in 1 2 3 4 5; do /usr/bin/time -f "%e s" bin/migrate -c "$out/p$n/migrate.toml" heads >/dev/null; done
  fi
done
