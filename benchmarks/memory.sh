#!/usr/bin/env bash
# The example project's whole pipeline (ingest, validate, sink, transform) as a real Maven build, the way issue 10
# measured it: the Maven JVM's peak resident memory and the build's wall time, the plugin's defaults against a
# baseline that reproduces the behaviour before the memory settings (DuckDB's own memory limit, 80% of physical
# memory, and the JVM's default heap, a quarter of it), alternating in one run.
# Usage: benchmarks/memory.sh [scale] [runs]     (defaults: 10, 1; scale 10 is 33 million rows, minutes per build)
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-10}"
runs="${2:-1}"
work="benchmarks/target/memory"
rm -rf "$work"
mkdir -p "$work"
# Build the plugin once; every measured build resolves it from the reactor (nothing is installed in ~/.m2).
./mvnw -q -B -ntp -pl ecommerce-core,ecommerce-testkit,ecommerce-maven-plugin package -DskipTests -Dinvoker.skip
modules="ecommerce-core,ecommerce-testkit,ecommerce-maven-plugin,example-project"
ram_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)
declare -A maven_opts=(
  [baseline]="-Xmx$((ram_kb / 4))k"
  [defaults]=""
)
declare -A settings=(
  [baseline]="-Decommerce.duckdb.memoryLimit=80%"
  [defaults]=""
)
echo "scale $scale, $runs run(s) each, $(nproc) cores, $((ram_kb / 1024)) MiB RAM; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-9s %4s %14s %10s %s\n" mode run "peak_rss_mb" seconds "load(1m)"
for i in $(seq 1 "$runs"); do
  for mode in baseline defaults; do
    rm -rf example-project/target/ecommerce
    log="$work/$mode-$i.log"
    # -o: offline; ${settings} may be empty. GNU time's %M is the peak RSS of the largest process: Maven's JVM.
    MAVEN_OPTS="${maven_opts[$mode]}" /usr/bin/time -f "%M %e" -o "$work/$mode-$i.time" \
      ./mvnw -B -ntp -o -pl "$modules" package -DskipTests -Dinvoker.skip \
      -Decommerce.scale="$scale" ${settings[$mode]} > "$log" 2>&1 \
      || { echo "$mode run $i failed, see $log"; tail -20 "$log"; exit 1; }
    read -r rss_kb seconds < "$work/$mode-$i.time"
    load=$(cut -d' ' -f1 /proc/loadavg)
    printf "%-9s %4d %14.0f %10.1f %s\n" "$mode" "$i" "$((rss_kb / 1024))" "$seconds" "$load"
    echo "$mode $((rss_kb / 1024)) $seconds $load" >> "$work/results.txt"
  done
done
awk '
  function median(list, n,   sorted, i, j, t) {
    for (i = 1; i <= n; i++) sorted[i] = list[i]
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (sorted[j] < sorted[i]) { t = sorted[i]; sorted[i] = sorted[j]; sorted[j] = t }
    return n % 2 ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2
  }
  { n[$1]++; rss[$1, n[$1]] = $2; sec[$1, n[$1]] = $3 }
  END {
    for (m in n) {
      for (i = 1; i <= n[m]; i++) { r[i] = rss[m, i]; s[i] = sec[m, i] }
      mr[m] = median(r, n[m]); ms[m] = median(s, n[m])
      printf "median %-9s peak RSS %6.0f MB   %7.1f s\n", m, mr[m], ms[m]
    }
    printf "defaults / baseline: peak RSS x%.2f, time x%.2f\n", mr["defaults"] / mr["baseline"], ms["defaults"] / ms["baseline"]
  }' "$work/results.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
