#!/usr/bin/env bash
# Ingest + local sink at scale 1 (about 3.3 million rows) against a DuckDB-only baseline, in one run.
# Usage: benchmarks/run.sh [scale] [repetitions]     (defaults: 1, 3)
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
reps="${2:-3}"
./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests -Dinvoker.skip
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
work="benchmarks/target/run"
rm -rf "$work"
mkdir -p "$work"
# One JVM per measurement, so that peak RSS belongs to that measurement alone.
for i in $(seq 1 "$reps"); do
  for mode in baseline pipeline; do
    java -Xmx1g --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$cp" dev.ecommerce.bench.IngestSinkBenchmark "$mode" "$scale" "$work/$mode" >> "$work/results.tsv"
  done
done
java -cp "$cp" dev.ecommerce.bench.IngestSinkBenchmark report "$scale" "$work/results.tsv"
