package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.transform.project.NodeConfig;
import dev.ecommerce.core.transform.render.RelationName;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A seed or model as its materializer builds it.
 *
 * @param file the file that defines it, for messages
 * @param relation the relation it builds
 * @param config a model's config ({@code unique_key}, {@code incremental_strategy}, {@code location})
 * @param sql a model's compiled SQL
 * @param csv a seed's file
 * @param incrementalSql a model's SQL compiled again with {@code is_incremental()} true, asked for only when
 *     an incremental model's table exists
 */
public record BuildNode(
        String file, RelationName relation, NodeConfig config, String sql, Path csv, Supplier<String> incrementalSql) {

    public static BuildNode seed(String file, RelationName relation, NodeConfig config, Path csv) {
        return new BuildNode(file, relation, config, null, csv, null);
    }

    public static BuildNode model(
            String file, RelationName relation, NodeConfig config, String sql, Supplier<String> incrementalSql) {
        return new BuildNode(file, relation, config, sql, null, incrementalSql);
    }
}
