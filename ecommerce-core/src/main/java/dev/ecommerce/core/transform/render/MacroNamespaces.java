package dev.ecommerce.core.transform.render;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import dev.ecommerce.core.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The macros by namespace, as dbt keeps them: {@code dbt} for the built-in (global project) macros, the root
 * project's name for its own, each package's name for the package's. Each namespace is also a variable of the
 * render context (a map of macros), so {@code dbt.dateadd(...)} and {@code my_package.star(...)} call them.
 * A call without a namespace finds the last definition of the name: the root project's, then a package's, then
 * the built-in one, since they are rendered in that reverse order.
 *
 * <p>{@link #dispatch} is dbt's {@code adapter.dispatch} (core/dbt/context/providers.py): for each package of the
 * search order, {@code <adapter>__name} then {@code default__name}.
 */
final class MacroNamespaces {

    static final String DBT = "dbt";

    private final Map<String, Map<String, Object>> namespaces = new LinkedHashMap<>();
    private final Set<String> packages = new LinkedHashSet<>();
    private Map<String, List<String>> searchOrders = Map.of();
    private String rootProject;
    private String adapterType = "duckdb";

    /** The namespace's map of macros, made (and bound in {@code context}) on first use. */
    Map<String, Object> namespace(String name, Context context) {
        return namespaces.computeIfAbsent(name, n -> {
            Map<String, Object> macros = new LinkedHashMap<>();
            if (!context.containsKey(n)) { // a project named like a context variable keeps only dispatch's lookups
                context.put(n, macros);
            }
            return macros;
        });
    }

    /** Files the macros a file defined (now global macros of {@code context}) under {@code namespace}. */
    void file(String namespace, Iterable<String> macroNames, Context context) {
        Map<String, Object> macros = namespace(namespace, context);
        for (String name : macroNames) {
            MacroFunction macro = context.getGlobalMacro(name);
            if (macro != null) {
                macros.put(name, macro);
            }
        }
    }

    void rootProject(String name) {
        rootProject = name;
    }

    void dependency(String packageName) {
        packages.add(packageName);
    }

    /** The root project's {@code dispatch:} config: search order by macro namespace. */
    void searchOrders(Map<String, List<String>> orders) {
        searchOrders = Map.copyOf(orders);
    }

    void adapterType(String type) {
        adapterType = type == null ? "duckdb" : type;
    }

    /**
     * The macro {@code adapter.dispatch(macroName, macroNamespace)} finds, in {@code context} (for names without
     * a package); fails with dbt's message naming what was searched.
     */
    MacroFunction dispatch(String macroName, String macroNamespace, Context context) {
        if (macroName.contains(".")) {
            String[] parts = macroName.split("\\.", 2);
            throw new ConfigurationException("In adapter.dispatch, got a macro name of \"" + macroName + "\", but \".\""
                    + " is not a valid macro name component. Did you mean `adapter.dispatch(\"" + parts[1]
                    + "\", macro_namespace=\"" + parts[0] + "\")`?");
        }
        List<String> attempts = new ArrayList<>();
        for (String searched : searchPackages(macroNamespace)) {
            for (String prefix : List.of(adapterType, "default")) {
                String name = prefix + "__" + macroName;
                MacroFunction macro = lookup(searched, name, context);
                attempts.add("'" + (searched == null ? name : searched + "." + name) + "'");
                if (macro != null) {
                    return macro;
                }
            }
        }
        throw new ConfigurationException("In dispatch: No macro named '" + macroName + "' found within namespace: '"
                + macroNamespace + "'. Searched for: " + String.join(", ", attempts));
    }

    /** dbt's search packages: null stands for the global namespace. */
    private List<String> searchPackages(String macroNamespace) {
        if (macroNamespace == null) {
            return java.util.Collections.singletonList(null);
        }
        List<String> order = searchOrders.get(macroNamespace);
        if (order != null && !order.isEmpty()) {
            return order;
        }
        if (packages.contains(macroNamespace)) {
            return List.of(rootProject, macroNamespace);
        }
        return java.util.Collections.singletonList(null);
    }

    private MacroFunction lookup(String packageName, String name, Context context) {
        if (packageName == null) {
            return context.getGlobalMacro(name);
        }
        Map<String, Object> macros = namespaces.get(packageName);
        if (macros == null && !packageName.equals(rootProject)) {
            throw new ConfigurationException("In adapter.dispatch, the search order names the package '" + packageName
                    + "', which the project does not have: correct dispatch: in dbt_project.yml, or install the"
                    + " package.");
        }
        return macros == null ? null : (MacroFunction) macros.get(name);
    }
}
