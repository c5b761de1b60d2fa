package dev.ecommerce.core.transform.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resource as dbt's node selection sees it: every model, seed, test, unit test and source of the
 * project, with what the selector methods read.
 *
 * @param uniqueId dbt's unique id, e.g. {@code model.shop.stg_orders}
 * @param resourceType dbt's resource type: {@code model}, {@code seed}, {@code test}, {@code unit_test},
 *     {@code snapshot}, {@code source}
 * @param fqn dbt's fully qualified name: the project, the folders under the resource's path, the name
 * @param file the project-relative file that defines it (a schema file for tests on columns and sources)
 * @param config the effective config ({@code config.<key>:}), dbt's defaults included
 * @param unrenderedConfig the configs the project sets on it (what {@code state:modified} compares)
 * @param testName a generic test's kind ({@code unique}, {@code not_null}, ...), or null
 * @param sourceName a source table's source, or null
 * @param parents the unique ids it depends on
 * @param checksum its file's checksum as dbt computes it ({@code state:modified} compares it)
 */
public record Selectable(
        String uniqueId,
        String resourceType,
        String name,
        List<String> fqn,
        String file,
        String packageName,
        List<String> tags,
        Map<String, Object> config,
        Map<String, Object> unrenderedConfig,
        String testName,
        String sourceName,
        Set<String> parents,
        Checksum checksum) {

    public Selectable {
        fqn = List.copyOf(fqn);
        tags = List.copyOf(tags);
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        unrenderedConfig = Collections.unmodifiableMap(new LinkedHashMap<>(unrenderedConfig));
        parents = Collections.unmodifiableSet(new LinkedHashSet<>(parents));
    }

    /**
     * dbt's fully qualified name of a resource defined in {@code file}: the project, the folders between the
     * resource path (the file's first folder, e.g. {@code models/}) and the file, then {@code names}.
     */
    public static List<String> fqn(String project, String file, String... names) {
        List<String> fqn = new ArrayList<>();
        fqn.add(project);
        String[] parts = file.split("/");
        for (int i = 1; i < parts.length - 1; i++) {
            fqn.add(parts[i]);
        }
        fqn.addAll(List.of(names));
        return fqn;
    }
}
