#!/usr/bin/env bash
# The events Parquet file to the local S3 server (S3Proxy, filesystem store) through the s3 destination's
# uploader: a multipart upload with parts in flight vs a single PUT, in the same run.
# Usage: benchmarks/s3-upload.sh [scale] [runs]     (defaults: 1, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
runs="${2:-5}"
./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
work="benchmarks/target/s3-upload"
rm -rf "$work"
mkdir -p "$work"
java -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$cp" dev.ecommerce.bench.S3UploadBenchmark "$scale" "$runs" "$work"
