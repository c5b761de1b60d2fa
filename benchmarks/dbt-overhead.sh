#!/usr/bin/env bash
# The embedded dbt engine's own overhead (parse, render, DAG, artifacts; DuckDB's time apart) on a synthetic
# project of N models (chains of 100 with fan-ins, a not_null test on each), each run in a fresh JVM:
#   cold      no earlier run (no parse cache)
#   unchanged the same project again, nothing changed since the last run (the kept parse is used)
#   warm-unchanged  the unchanged run repeated in one JVM, the fourth timed (as under the Maven daemon)
#   changed   one model edited since the last run
# and on transform/ (the thelook project) unchanged. Reported against the same run's cold figure.
# Usage: benchmarks/dbt-overhead.sh [models] [runs]     (defaults: 10000, 3)
set -euo pipefail
cd "$(dirname "$0")/.."
models="${1:-10000}"
runs="${2:-3}"
./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests -Dinvoker.skip
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
work="benchmarks/target/dbt-overhead"
rm -rf "$work"
mkdir -p "$work"
results="$work/results.tsv"
printf 'case\tnodes\tnot_ok\tparse\trender\tdag\tartifacts\toverhead\tduckdb\twall\n' > "$results"
jvm() { java -Xmx4g -XX:+UseParallelGC -cp "$cp" "$@"; }
for i in $(seq 1 "$runs"); do
  project="$work/synthetic-$i"
  jvm dev.ecommerce.bench.SyntheticDbtProject "$project" "$models"
  sleep 2 # files written moments ago are "racy" (compared by content too): real projects' files are older
  jvm dev.ecommerce.bench.DbtOverheadBenchmark "$project" cold >> "$results"
  jvm dev.ecommerce.bench.DbtOverheadBenchmark "$project" unchanged >> "$results"
  jvm dev.ecommerce.bench.DbtOverheadBenchmark "$project" warm-unchanged >> "$results"
  printf '\n-- edited\n' >> "$project/models/chain_0/m_000_050.sql"
  jvm dev.ecommerce.bench.DbtOverheadBenchmark "$project" changed >> "$results"
done
# transform/ (the thelook project) on a copy of the example project's warehouse, when `./mvnw install` made one
if [ -f example-project/target/ecommerce/warehouse.duckdb ]; then
  cp example-project/target/ecommerce/warehouse.duckdb "$work/thelook.duckdb"
  for c in thelook-unchanged thelook-unchanged warm-thelook-unchanged; do
    jvm dev.ecommerce.bench.DbtOverheadBenchmark transform "$c" "ECOMMERCE_WAREHOUSE=$PWD/$work/thelook.duckdb" >> "$results"
  done
fi
column -t -s $'\t' "$results"
awk -F'\t' 'NR > 1 { sum[$1] += $8; n[$1]++ } END {
  cold = sum["cold"] / n["cold"];
  for (c in sum) printf "%-10s overhead %.3f s (mean of %d), %.2f x cold\n", c, sum[c] / n[c], n[c], (sum[c] / n[c]) / cold
}' "$results"
echo "goal: cold under 2 s for 10,000 models; unchanged under 0.5 s; transform/ warm under 0.5 s"
