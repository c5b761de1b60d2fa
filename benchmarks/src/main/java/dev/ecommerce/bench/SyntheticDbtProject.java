package dev.ecommerce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a synthetic dbt project for timing the embedded engine's own work: {@code models} models in chains of
 * 100 (each model refs the one before it; every tenth also refs the model at the same depth of the next
 * chain, a fan-in), each with a {@code not_null} test, a macro used by every model, a var and a folder config.
 * The models are tables of one row (views 100 deep would make DuckDB bind ever larger queries), in an
 * in-memory database (no file to sync after each statement), so DuckDB's share of a run stays small.
 * Usage: {@code SyntheticDbtProject <dir> <models>}.
 */
public final class SyntheticDbtProject {

    static final int CHAIN = 100;

    private SyntheticDbtProject() {}

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Integer.parseInt(args[1]));
    }

    static void write(Path dir, int models) throws IOException {
        Files.createDirectories(dir.resolve("macros"));
        Files.writeString(dir.resolve("dbt_project.yml"), """
                name: synthetic
                profile: synthetic
                config-version: 2
                vars:
                  factor: 3
                models:
                  synthetic:
                    +materialized: table
                    +tags: [synthetic]
                """);
        Files.writeString(dir.resolve("profiles.yml"), """
                synthetic:
                  target: local
                  outputs:
                    local:
                      type: duckdb
                      path: ":memory:"
                      schema: main
                      threads: 1
                """);
        Files.writeString(dir.resolve("macros/times.sql"), """
                {% macro times(column, factor) -%}
                    ({{ column }} * {{ factor }})
                {%- endmacro %}
                """);
        int chains = (models + CHAIN - 1) / CHAIN;
        for (int chain = 0; chain < chains; chain++) {
            Path folder = dir.resolve("models/chain_" + chain);
            Files.createDirectories(folder);
            StringBuilder schema = new StringBuilder("version: 2\nmodels:\n");
            for (int depth = 0; depth < CHAIN && chain * CHAIN + depth < models; depth++) {
                String name = name(chain, depth);
                String sql;
                if (depth == 0) {
                    sql = "select " + chain + " as id, 1 as value\n";
                } else if (depth % 10 == 0 && chain + 1 < chains) {
                    sql = String.format(
                            Locale.ROOT,
                            "-- fan-in: this chain and the next\nselect a.id, {{ times('a.value', var('factor')) }}"
                                    + " + b.value as value\nfrom {{ ref('%s') }} as a\ncross join (select max(value)"
                                    + " as value from {{ ref('%s') }}) as b\n",
                            name(chain, depth - 1),
                            name(chain + 1, depth - 1));
                } else {
                    sql = String.format(
                            Locale.ROOT,
                            "select id, {{ times('value', 1) }} as value\nfrom {{ ref('%s') }}\n"
                                    + "{%% if var('factor') > 100 %%}where false{%% endif %%}\n",
                            name(chain, depth - 1));
                }
                Files.writeString(folder.resolve(name + ".sql"), sql);
                schema.append("  - name: ")
                        .append(name)
                        .append("\n    columns:\n      - name: id\n        data_tests: [not_null]\n");
            }
            Files.writeString(folder.resolve("schema.yml"), schema.toString());
        }
    }

    private static String name(int chain, int depth) {
        return String.format(Locale.ROOT, "m_%03d_%03d", chain, depth);
    }
}
