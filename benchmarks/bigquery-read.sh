#!/usr/bin/env bash
# events (2.4 million rows at scale 1) through the local BigQuery server into DuckDB:
# Storage Read API with Arrow vs REST paging, in the same run, and DuckDB's own write of the same rows
# (the ceiling of any reader on this machine).
# Usage: benchmarks/bigquery-read.sh [scale] [runs] [paths]     (defaults: 1, 3, storage,rest)
# The server runs in the benchmark's JVM unless BENCH_REST and BENCH_GRPC name one in another process, e.g.
#   java -cp "$cp" dev.ecommerce.testkit.bigquery.LocalBigQuery --scale 1 --rest-port 39001 --grpc-port 39002 &
#   BENCH_REST=http://127.0.0.1:39001 BENCH_GRPC=127.0.0.1:39002 benchmarks/bigquery-read.sh 1 5 storage
# so that the CPU time printed per run is the client's alone.
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
runs="${2:-3}"
paths="${3:-storage,rest}"
./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
work="benchmarks/target/bigquery"
rm -rf "$work"
mkdir -p "$work"
server=()
if [[ -n "${BENCH_REST:-}" && -n "${BENCH_GRPC:-}" ]]; then
  server=("-Dbench.rest=$BENCH_REST" "-Dbench.grpc=$BENCH_GRPC")
fi
java -Xmx4g --add-opens=java.base/java.nio=ALL-UNNAMED ${server[@]+"${server[@]}"} -cp "$cp" \
  dev.ecommerce.bench.BigQueryReadBenchmark "$scale" "$runs" "$work" "$paths"
