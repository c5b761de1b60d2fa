package dev.ecommerce.core.transform.render;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.project.DbtPackage;
import dev.ecommerce.core.transform.project.DbtProject;
import dev.ecommerce.core.transform.project.Yaml;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a render sees by the package its file belongs to, as in dbt: the vars of {@code var()} (a package's own
 * vars, then the root project's, global and under {@code vars: <package>:}, then the run's), and the package
 * that defines each model, seed and snapshot, for {@code ref('package', 'name')}.
 *
 * @param root the root project's name
 * @param packages the packages by the prefix of their files ({@link DbtPackage#prefix})
 * @param vars the vars each package's files see, by package name
 * @param owners the package (or the root project) that defines each model, seed and snapshot, by name
 */
record PackageScopes(
        String root, Map<String, String> packages, Map<String, Map<String, Object>> vars, Map<String, String> owners) {

    static final String KEY = "__dbt_packages";

    /**
     * The scopes of {@code dbt}'s packages.
     *
     * @param runVars the run's own vars ({@code --vars}), over every project's
     */
    static PackageScopes of(DbtProject dbt, Map<String, Object> runVars) {
        Map<String, String> packages = new LinkedHashMap<>();
        Map<String, Map<String, Object>> vars = new LinkedHashMap<>();
        for (DbtPackage pkg : dbt.packages()) {
            packages.put(pkg.prefix(), pkg.name());
            Map<String, Object> seen = new LinkedHashMap<>(pkg.vars());
            dbt.vars().forEach((key, value) -> {
                if (!(value instanceof Map<?, ?> && isPackage(dbt, key))) {
                    seen.put(key, value);
                }
            });
            seen.putAll(Yaml.map(dbt.vars().get(pkg.name()), "dbt_project.yml vars." + pkg.name()));
            seen.putAll(runVars);
            vars.put(pkg.name(), seen);
        }
        Map<String, String> owners = new LinkedHashMap<>();
        dbt.models().forEach(m -> owners.put(m.name(), dbt.packageOf(m.file())));
        dbt.seeds().forEach(s -> owners.put(s.name(), dbt.packageOf(s.file())));
        dbt.snapshots().forEach(s -> owners.put(s.name(), dbt.packageOf(s.file())));
        return new PackageScopes(dbt.name(), packages, vars, owners);
    }

    private static boolean isPackage(DbtProject dbt, String name) {
        return dbt.packages().stream().anyMatch(p -> p.name().equals(name));
    }

    /**
     * The vars {@code var()} sees in {@code file}: {@code rootVars} in the root project's files, else its
     * package's with a unit test's {@code overrides} on top.
     */
    Map<String, Object> vars(String file, Map<String, Object> rootVars, Map<String, Object> overrides) {
        String pkg = packageOf(file);
        if (pkg == null) {
            return rootVars;
        }
        Map<String, Object> seen = new LinkedHashMap<>(vars.get(pkg));
        seen.putAll(overrides);
        return seen;
    }

    /** Fails unless {@code ref(packageName, name)} in {@code file} names a node of that package. */
    void checkRef(String file, String packageName, String name) {
        if (!packageName.equals(root) && !packages.containsValue(packageName)) {
            throw new ConfigurationException(file + ": ref('" + packageName + "', '" + name + "'): the project has no"
                    + " package " + packageName + "; add it to packages.yml and run dbt deps, or correct the ref.");
        }
        String owner = owners.get(name);
        if (owner != null && !owner.equals(packageName)) {
            throw new ConfigurationException(file + ": ref('" + packageName + "', '" + name + "'): " + name + " is a"
                    + " node of " + owner + ", not of " + packageName + "; write ref('" + owner + "', '" + name
                    + "') or ref('" + name + "').");
        }
    }

    private String packageOf(String file) {
        for (Map.Entry<String, String> pkg : packages.entrySet()) {
            if (file.startsWith(pkg.getKey())) {
                return pkg.getValue();
            }
        }
        return null;
    }
}
