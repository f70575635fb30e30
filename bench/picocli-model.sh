#!/usr/bin/env bash
# What building picocli's command model costs `migrate current` at start-up (docs/benchmarks.md,
# "Start-up: work moved off the main thread"): bench/PicocliModel.java builds the model of `migrate` and
# `current` in a fresh JVM with bin/migrate's options and a start-up archive of its own, in three ways:
#   annotated          - from Strata's annotated classes, as Main does;
#   programmatic       - the same options through picocli's programmatic API, no annotation read;
#   programmatic-help  - the same, with picocli's standard help options (an annotated mixin).
# RUNS runs of each, interleaved; prints each way's median and lowest build time in milliseconds.
# Usage: bench/picocli-model.sh [RUNS]   (default 30; builds the CLI if needed)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-30}
jar=$PWD/cli/target/migrate.jar
[ -f "$jar" ] || mvn -q -B -ntp -DskipTests package
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
javac -nowarn -cp "$jar" -d "$out/classes" bench/PicocliModel.java
jar cf "$out/model.jar" -C "$out/classes" .
cp="$jar:$out/model.jar"
opts="-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xlog:cds=off"
# One archive from a run of each way, so that every way finds its classes archived.
for way in annotated programmatic programmatic-help; do
  java $opts -XX:DumpLoadedClassList="$out/$way.classlist" -cp "$cp" dev.strata.bench.PicocliModel "$way" >/dev/null
done
cat "$out"/*.classlist | sort -u > "$out/all.classlist"
java $opts -Xshare:dump -XX:SharedClassListFile="$out/all.classlist" -XX:SharedArchiveFile="$out/model.jsa" -cp "$cp" >/dev/null 2>&1
for i in $(seq 1 "$runs"); do
  for way in annotated programmatic programmatic-help; do
    echo "$way $(java $opts -XX:SharedArchiveFile="$out/model.jsa" -cp "$cp" dev.strata.bench.PicocliModel "$way")"
  done
done | sort -k1,1 -k2,2n | awk '{v[$1] = v[$1] " " $2} END {
  for (w in v) { n = split(v[w], a, " "); printf "%-18s median %3d ms, lowest %3d ms (%d runs)\n", w, a[int((n + 1) / 2)], a[1], n } }'
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
