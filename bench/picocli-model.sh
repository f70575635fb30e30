#!/usr/bin/env bash
# What building picocli's command model costs `migrate current` at start-up (docs/benchmarks.md,
# "Start-up: work moved off the main thread"): bench/PicocliModel.java builds the model of `migrate` and
# `current` in a fresh JVM with bin/migrate's options and a start-up archive of its own, in three ways:
#   annotated          - from Strata's annotated classes, as Main does;
#   programmatic       - the same options (types, converters, defaults) through picocli's programmatic
#                        API, -h/--help and -V/--version declared by hand: no annotation is read;
#   programmatic-help  - the same, with help and version from picocli's standard mixin (annotated).
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
ways=(annotated programmatic programmatic-help)
# One archive from a run of each way, so that every way finds its classes archived; the timed runs
# insist on it (-Xshare:on fails rather than run without it).
for way in "${ways[@]}"; do
  java $opts -XX:DumpLoadedClassList="$out/$way.classlist" -cp "$cp" dev.strata.bench.PicocliModel "$way" >/dev/null
done
cat "$out"/*.classlist | awk '!seen[$0]++' > "$out/all.classlist"
if ! java $opts -Xshare:dump -XX:SharedClassListFile="$out/all.classlist" -XX:SharedArchiveFile="$out/model.jsa" -cp "$cp" \
    > "$out/dump.log" 2>&1; then
  cat "$out/dump.log" >&2
  exit 1
fi
# Each round runs the three ways in a rotated order; a run that fails stops the script.
for i in $(seq 1 "$runs"); do
  for k in 0 1 2; do
    way=${ways[$(( (i + k) % 3 ))]}
    ms=$(java $opts -Xshare:on -XX:SharedArchiveFile="$out/model.jsa" -cp "$cp" dev.strata.bench.PicocliModel "$way")
    [[ $ms =~ ^[0-9]+$ ]] || { echo "$way printed '$ms'" >&2; exit 1; }
    echo "$way $ms"
  done
done | sort -k1,1 -k2,2n | awk '{v[$1] = v[$1] " " $2} END {
  for (w in v) {
    n = split(v[w], a, " ")
    median = n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    printf "%-18s median %5.1f ms, lowest %3d ms (%d runs)\n", w, median, a[1], n
  } }' | sort
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
