package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.schema.Table;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Contracts that replace the built-in ones, given as {@code table=fully.qualified.RecordClass} entries. */
public final class ContractClasses {

    private ContractClasses() {}

    /**
     * Loads each entry's class from {@code loader} (the project's classes and dependencies).
     *
     * @throws ConfigurationException naming the entry that is not {@code table=Class}, names no table, or whose
     *     class cannot be loaded
     */
    public static Map<Table, Class<?>> load(List<String> entries, ClassLoader loader) {
        Map<Table, Class<?>> classes = new EnumMap<>(Table.class);
        if (entries == null) {
            return classes;
        }
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationException(Setting.CONTRACTS.ref() + " entries are"
                        + " table=fully.qualified.RecordClass (got '" + entry.trim() + "').");
            }
            Table table = Table.parseAll(List.of(entry.substring(0, eq).trim()), Setting.CONTRACTS.ref())
                    .get(0);
            String name = entry.substring(eq + 1).trim();
            try {
                classes.put(table, Class.forName(name, true, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ConfigurationException(
                        "The contract class " + name + " for " + table.sqlName() + " is not on the project's compile"
                                + " classpath: check " + Setting.CONTRACTS.ref() + " and that it compiles.",
                        e);
            }
        }
        return classes;
    }
}
