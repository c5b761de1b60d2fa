package dev.ecommerce.core.transform;

import dev.ecommerce.core.config.TransformSpec;
import java.util.function.Consumer;

/**
 * Runs a dbt project: the embedded engine (Jinjava + DuckDB), in this JVM or in one of its own ({@link
 * ForkedEngine}), or the dbt CLI.
 */
public sealed interface TransformEngine permits EmbeddedEngine, ForkedEngine, DbtCliEngine {

    /**
     * Builds the project ({@code dbt build}: seeds, models, tests, unit tests) and writes dbt's artifacts.
     * Failing nodes are results, not exceptions; configuration errors throw.
     *
     * @param log progress lines
     */
    TransformResult run(TransformSpec spec, Consumer<String> log);

    static TransformEngine of(TransformSpec spec) {
        return switch (spec.engine()) {
            case EMBEDDED ->
                spec.jvm() != null && (spec.jvm().always() || !PartialParse.kept(spec.projectDirectory()))
                        ? new ForkedEngine()
                        : new EmbeddedEngine();
            case DBT -> new DbtCliEngine();
        };
    }
}
