package dev.ecommerce.core.transform.project;

import java.nio.file.Path;
import java.util.Map;

/**
 * A dbt package of the project: one {@code dbt deps} installed (under {@code dbt_packages/}, or the project's
 * {@code packages-install-path}) or a {@code local:} entry of {@code packages.yml}. Its models, seeds and tests
 * are part of the {@link DbtProject}, their files named from the root project's folder ({@code prefix} first).
 *
 * @param name the package's project name: its macros' namespace, the package of its nodes' unique ids
 * @param prefix its folder relative to the root project's, ending in {@code /}, e.g.
 *     {@code dbt_packages/dbt_utils/}
 * @param root its folder
 * @param vars its own {@code dbt_project.yml} vars
 * @param macroFiles its macro files' text by name (from the root project's folder)
 */
public record DbtPackage(
        String name, String prefix, Path root, Map<String, Object> vars, Map<String, String> macroFiles) {

    /** Whether {@code file} (named from the root project's folder) is one of this package's. */
    public boolean owns(String file) {
        return file.startsWith(prefix);
    }
}
