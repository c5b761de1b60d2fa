#!/usr/bin/env bash
# events (2.4 million rows at scale 1) through the local BigQuery server into DuckDB:
# Storage Read API with Arrow vs REST paging, in the same run.
# Usage: benchmarks/bigquery-read.sh [scale] [runs] [paths]   (defaults: 1, 3, storage,rest)
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
runs="${2:-3}"
./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
work="benchmarks/target/bigquery"
rm -rf "$work"
mkdir -p "$work"
java -Xmx4g --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$cp" dev.ecommerce.bench.BigQueryReadBenchmark "$scale" "$runs" "$work" "${3:-storage,rest}"
