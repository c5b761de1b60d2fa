#!/usr/bin/env bash
# Runs dbt-utils' own integration_tests project (github.com/dbt-labs/dbt-utils, Apache-2.0) on the embedded
# engine against DuckDB and reports how many of its seeds, models and tests pass. Not run in CI; the copy of
# dbt-utils is not committed. Usage:
#   git clone https://github.com/dbt-labs/dbt-utils /tmp/dbt-utils
#   benchmarks/dbt-utils.sh /tmp/dbt-utils
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir="${1:?usage: benchmarks/dbt-utils.sh <a checkout of dbt-labs/dbt-utils>}"
[ -f "$source_dir/integration_tests/dbt_project.yml" ] || { echo "no integration_tests/ in $source_dir" >&2; exit 1; }
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests -Dinvoker.skip
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
work="benchmarks/target/dbt-utils"
rm -rf "$work"
mkdir -p "$work"
# a copy, so that target/ and the DuckDB file stay out of the checkout; integration_tests' packages.yml
# names the package as `local: ../`
cp -r "$source_dir/." "$work/dbt-utils"
rm -rf "$work/dbt-utils/.git"
cat > "$work/profiles.yml" <<'YML'
integration_tests:
  target: duckdb
  outputs:
    duckdb:
      type: duckdb
      path: integration_tests.duckdb
      schema: dbt_utils_integration_tests
      threads: 1
YML
java -Xmx2g -cp "$cp" dev.ecommerce.bench.DbtProjectBuild "$work/dbt-utils/integration_tests" "$work" duckdb \
  | tee "$work/report.txt"
