#!/usr/bin/env bash
# A one-day incremental ingest against the full load of the same warehouse, measured in the same run: through
# the local BigQuery server (advanced a day between the loads, outside the timing) and from the generator.
# Usage: benchmarks/incremental.sh [scale] [runs] [generator]     (defaults: 1, 3; "generator": without the local
# BigQuery server)
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
runs="${2:-3}"
./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests -Dinvoker.skip
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
work="benchmarks/target/incremental"
rm -rf "$work"
mkdir -p "$work"
java -Xmx4g --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$cp" \
  dev.ecommerce.bench.IncrementalBenchmark "$scale" "$runs" "$work" ${3:-} 2>&1 | grep -v 'INFO org.apache.arrow'
