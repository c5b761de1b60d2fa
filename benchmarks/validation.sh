#!/usr/bin/env bash
# Validation at scale 1 (about 3.3 million rows): the SQL engine vs per-row Hibernate Validator, same run,
# and validation's share of ingest + validate + local sink.
# Usage: benchmarks/validation.sh [scale]     (default: 1)
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
work="benchmarks/target/validation"
rm -rf "$work"
mkdir -p "$work"
java -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$cp" dev.ecommerce.bench.ValidationBenchmark "$scale" "$work"
