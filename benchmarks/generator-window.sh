#!/usr/bin/env bash
# The thelook generator alone: the whole world against a one-day increment's windows, in one warm JVM (no
# warehouse), to see what skipping the rows before a window saves.
# Usage: benchmarks/generator-window.sh [scale] [runs]     (defaults: 1, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
runs="${2:-5}"
./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests -Dinvoker.skip
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
java -Xmx4g -cp "$cp" dev.ecommerce.bench.GeneratorWindowBenchmark "$scale" "$runs"
