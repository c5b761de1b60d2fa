#!/usr/bin/env bash
# The embedded dbt engine's own overhead (parse, render, DAG, artifacts; DuckDB's time apart) on a synthetic
# project of N models (chains of 100 with fan-ins, a not_null test on each), each run in a fresh JVM:
#   cold      no earlier run (no parse cache), the engine in this JVM (-XX:+UseParallelGC, tiered compilation)
#   cold-fork the same, the engine in a JVM of its own as the plugin runs it (TransformJvm: C1 only, serial GC),
#             its start counted in the parse
#   unchanged the same project again, nothing changed since the last run (the kept parse is used); unchanged-fork
#             the same in a JVM of its own
#   warm-unchanged  the unchanged run repeated in one JVM, the fourth timed (as under the Maven daemon)
#   changed   one model edited since the last run
# and on transform/ (the thelook project) unchanged; with MAVEN=1, the first project cold once more through Maven (the
# transform goal as a user runs it: the engine in a JVM of its own). Reported against the same run's cold figure.
# Usage: [MAVEN=1] benchmarks/dbt-overhead.sh [models] [runs]     (defaults: 10000, 3)
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
  rm -rf "$project/target"
  jvm dev.ecommerce.bench.DbtOverheadBenchmark "$project" cold-fork >> "$results"
  jvm dev.ecommerce.bench.DbtOverheadBenchmark "$project" unchanged >> "$results"
  jvm dev.ecommerce.bench.DbtOverheadBenchmark "$project" unchanged-fork >> "$results"
  jvm dev.ecommerce.bench.DbtOverheadBenchmark "$project" warm-unchanged >> "$results"
  printf '\n-- edited\n' >> "$project/models/chain_0/m_000_050.sql"
  jvm dev.ecommerce.bench.DbtOverheadBenchmark "$project" changed >> "$results"
done
# transform/ (the thelook project) on a copy of the example project's warehouse, when `./mvnw install` made one
if [ -f example-project/target/ecommerce/warehouse.duckdb ]; then
  cp example-project/target/ecommerce/warehouse.duckdb "$work/thelook.duckdb"
  for c in thelook-unchanged thelook-unchanged thelook-unchanged-fork warm-thelook-unchanged; do
    jvm dev.ecommerce.bench.DbtOverheadBenchmark transform "$c" "ECOMMERCE_WAREHOUSE=$PWD/$work/thelook.duckdb" >> "$results"
  done
fi
# The first project once more through Maven, as a user runs it (the plugin in Maven's own JVM, cold), when
# MAVEN=1: the engine's log line gives the same figures. Installs the plugin first.
if [ "${MAVEN:-0}" = 1 ]; then
  ./mvnw -q -B -ntp install -DskipTests -Dinvoker.skip -pl ecommerce-maven-plugin -am
  version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
  maven="$PWD/$work/maven"
  rm -rf "$maven"
  cp -r "$work/synthetic-1" "$maven"
  rm -rf "$maven/target"
  printf '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>bench</groupId><artifactId>synthetic</artifactId><version>1</version><packaging>pom</packaging></project>\n' > "$maven/pom.xml"
  ./mvnw -B -ntp -f "$maven/pom.xml" "dev.ecommerce:ecommerce-maven-plugin:$version:transform" \
    -Decommerce.transform.projectDirectory="$maven" -Decommerce.transform.profilesDirectory="$maven" > "$work/maven.log"
  if grep -q "WARNING" "$work/maven.log"; then
    grep "WARNING" "$work/maven.log" >&2
  fi
  # "Embedded engine in a JVM of its own (...), started in S s" (the plugin's default), then
  # "Embedded engine: parse P s, render R s, DAG D s (overhead O s); DuckDB Q s; artifacts A s"
  start=$(sed -n 's/.*Embedded engine in a JVM of its own .*, started in \([0-9.]*\) s.*/\1/p' "$work/maven.log")
  sed -n 's/.*Embedded engine: parse \([0-9.]*\) s, render \([0-9.]*\) s, DAG \([0-9.]*\) s (overhead [0-9.]* s); DuckDB \([0-9.]*\) s; artifacts \([0-9.]*\) s.*/\1 \2 \3 \5 \4/p' "$work/maven.log" \
    | awk -v nodes="$(grep -c -E '(SUCCESS|PASS) +(model|test) ' "$work/maven.log")" -v start="${start:-0}" \
      '{ printf "maven-cold\t%d\t0\t%.3f\t%s\t%s\t%s\t%.3f\t%s\t\n", nodes, $1 + start, $2, $3, $4, $1 + start + $2 + $3 + $4, $5 }' >> "$results"
fi
column -t -s $'\t' "$results"
awk -F'\t' 'NR > 1 { sum[$1] += $8; n[$1]++ } END {
  cold = sum["cold"] / n["cold"];
  for (c in sum) printf "%-10s overhead %.3f s (mean of %d), %.2f x cold\n", c, sum[c] / n[c], n[c], (sum[c] / n[c]) / cold
}' "$results"
echo "goal: cold under 2 s for 10,000 models (cold-fork and maven-cold: as the plugin runs it); unchanged under 0.5 s; transform/ warm under 0.5 s"
