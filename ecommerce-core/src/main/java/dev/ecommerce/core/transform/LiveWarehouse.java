package dev.ecommerce.core.transform;

import dev.ecommerce.core.transform.execute.Database;
import dev.ecommerce.core.transform.graph.Selectable;
import dev.ecommerce.core.transform.project.Materialization;
import dev.ecommerce.core.transform.render.AgateTable;
import dev.ecommerce.core.transform.render.Relation;
import dev.ecommerce.core.transform.render.Warehouse;
import dev.ecommerce.core.warehouse.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run as a render at run time sees it ({@link Warehouse}): the open DuckDB database (every statement
 * through {@link Database}, so its catalogue of relations stays in step), the plan's relations for
 * {@code ref()}, and {@code graph} built from the plan's resources.
 */
final class LiveWarehouse implements Warehouse {

    /** {@code "schema"."name"} or {@code "database"."schema"."name"}, as the engine names relations. */
    private static final Pattern SQL_NAME =
            Pattern.compile("(?:\"((?:[^\"]|\"\")+)\"\\.)?\"((?:[^\"]|\"\")+)\"\\.\"((?:[^\"]|\"\")+)\"");

    private final Plan plan;
    private final Database database;
    private final Compiler compiler;
    private Map<String, Object> graph;

    LiveWarehouse(Plan plan, Database database) {
        this.plan = plan;
        this.database = database;
        this.compiler = new Compiler(plan.nodes());
    }

    @Override
    public String database() {
        return plan.profile().databaseName();
    }

    @Override
    public AgateTable run(String sql) throws SQLException {
        Database.Fetched fetched = database.fetch(compiler.resolve(sql)); // ref()'s marks named
        return new AgateTable(fetched.names(), fetched.types(), fetched.rows());
    }

    @Override
    public String relationType(String schema, String identifier) throws SQLException {
        return dbtType(database.relationType(schema, identifier));
    }

    @Override
    public Map<String, String> columns(String schema, String identifier) throws SQLException {
        return database.columns(schema, identifier);
    }

    @Override
    public List<String[]> relations(String schema) throws SQLException {
        List<String[]> relations = new ArrayList<>();
        for (List<Object> row : database.fetch("SELECT table_name, table_type FROM information_schema.tables"
                        + " WHERE table_schema = " + Sql.literal(schema) + " AND table_catalog = current_database()"
                        + " ORDER BY table_name")
                .rows()) {
            relations.add(new String[] {String.valueOf(row.get(0)), dbtType(String.valueOf(row.get(1)))});
        }
        return relations;
    }

    @Override
    public Relation ref(String name) {
        PlannedNode node = plan.nodes().get(name);
        if (node == null) {
            return null;
        }
        if (node.isEphemeral()) {
            return Relation.ephemeral(name, Compiler.mark(name));
        }
        String type = node.materialization() == Materialization.VIEW ? "view" : "table";
        return Relation.of(database(), node.relation().schema(), node.relation().identifier(), type);
    }

    @Override
    public Relation named(String text) {
        Matcher name = SQL_NAME.matcher(compiler.resolve(text).strip());
        if (!name.matches()) {
            return null;
        }
        String schema = name.group(2).replace("\"\"", "\"");
        String identifier = name.group(3).replace("\"\"", "\"");
        return Relation.of(name.group(1) == null ? database() : name.group(1), schema, identifier, null);
    }

    @Override
    public Map<String, Object> graph() {
        if (graph == null) {
            Map<String, Object> nodes = new LinkedHashMap<>();
            Map<String, Object> sources = new LinkedHashMap<>();
            for (Selectable resource : plan.graph().values()) {
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("unique_id", resource.uniqueId());
                node.put("resource_type", resource.resourceType());
                node.put("name", resource.name());
                node.put("package_name", resource.packageName());
                node.put("original_file_path", resource.file());
                node.put("fqn", resource.fqn());
                node.put("tags", resource.tags());
                node.put("config", resource.config());
                node.put("depends_on", Map.of("nodes", new ArrayList<>(resource.parents())));
                PlannedNode planned = plan.nodes().get(resource.name());
                if (planned != null && planned.uniqueId(plan.dbt()).equals(resource.uniqueId())) {
                    node.put("database", database());
                    node.put("schema", planned.relation().schema());
                    node.put("alias", planned.relation().identifier());
                    node.put("raw_code", planned.rawCode());
                }
                (resource.resourceType().equals("source") ? sources : nodes).put(resource.uniqueId(), node);
            }
            graph = Map.of("nodes", nodes, "sources", sources);
        }
        return graph;
    }

    private static String dbtType(String catalogType) {
        return catalogType == null ? null : catalogType.equals("VIEW") ? "view" : "table";
    }
}
