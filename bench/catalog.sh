#!/usr/bin/env bash
# Catalog-reading benchmark (issue 9): in a scratch database on the local PostgreSQL (127.0.0.1:5432,
# user postgres), create 1,000 tables / 6,000 columns / 2,000 indexes (plus 1,000 primary keys) / 500
# foreign keys, then time CatalogReader.read five times in one JVM with bin/migrate's flags. The
# database is dropped afterwards. Figures go to docs/benchmarks.md. Usage: bench/catalog.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds=${1:-5}
db="strata_bench_catalog_$$"
mvn -q -B -o -pl engine -am test-compile >/dev/null
# The reader needs only the engine's classes and the PostgreSQL driver (the dependency plugin may be
# missing from an offline repository).
pgv=$(sed -n 's|.*<postgresql.version>\(.*\)</postgresql.version>.*|\1|p' pom.xml)
cp="engine/target/classes:engine/target/test-classes:$HOME/.m2/repository/org/postgresql/postgresql/$pgv/postgresql-$pgv.jar"
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db"
trap 'psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" dev.strata.bench.CatalogBench \
  "jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" "$rounds"
