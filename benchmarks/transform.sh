#!/usr/bin/env bash
# The dbt project in transform/ with the embedded engine at scale 1 (about 3.3 million rows): total time and
# the engine's own overhead (parse, render, DAG) apart from DuckDB's query time.
# Usage: benchmarks/transform.sh [scale] [runs]     (defaults: 1, 3)
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
runs="${2:-3}"
./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
work="benchmarks/target/transform"
rm -rf "$work"
mkdir -p "$work"
java -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$cp" dev.ecommerce.bench.TransformBenchmark "$scale" "$runs" transform "$work"
