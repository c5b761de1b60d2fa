package dev.ecommerce.core.contract;

import dev.ecommerce.core.schema.Table;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A contract compiled for one table: the constraints translated to SQL, the one query that finds the rows
 * breaking them, and the constraints left to the row-by-row Hibernate Validator pass.
 *
 * @param table the table
 * @param contract the contract record class
 * @param checks the constraints translated to SQL; a check's index is its number in the query's list
 * @param fallbacks the constraints with no SQL translation
 * @param selectedProperties the properties whose columns the query returns after the key and the list
 * @param query the DuckDB query: key, list of failed check numbers, then the columns the checks read, one
 *     row per row with at least one failed check; null when no constraint translates
 */
public record CompiledContract(
        Table table,
        Class<?> contract,
        List<SqlCheck> checks,
        List<FallbackCheck> fallbacks,
        List<String> selectedProperties,
        String query) {

    public CompiledContract {
        checks = List.copyOf(checks);
        fallbacks = List.copyOf(fallbacks);
        selectedProperties = List.copyOf(selectedProperties);
    }

    /** The properties ({@code ""} for the class) with at least one constraint in the fallback. */
    public Set<String> fallbackProperties() {
        Set<String> properties = new LinkedHashSet<>();
        fallbacks.forEach(f -> properties.add(f.property()));
        return properties;
    }
}
