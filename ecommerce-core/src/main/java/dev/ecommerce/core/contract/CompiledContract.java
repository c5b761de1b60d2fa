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

    /**
     * What identifies the contract's meaning: its class, every constraint's SQL and message, every fallback
     * constraint with its attributes, and the query. Equal fingerprints mean a row valid under one is valid
     * under the other; a changed contract has a new one, and validation checks every row again.
     */
    public String fingerprint() {
        StringBuilder text = new StringBuilder(contract.getName()).append('\n');
        for (SqlCheck check : checks) {
            text.append("sql|")
                    .append(check.property())
                    .append('|')
                    .append(check.constraint())
                    .append('|')
                    .append(check.message())
                    .append('|')
                    .append(check.violation())
                    .append('\n');
        }
        for (FallbackCheck check : fallbacks) {
            text.append("row|")
                    .append(check.property())
                    .append('|')
                    .append(check.constraint())
                    .append('|')
                    .append(check.descriptor().getAnnotation())
                    .append('|')
                    .append(check.descriptor().getConstraintValidatorClasses())
                    .append('\n');
        }
        text.append(query);
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("No SHA-256", e);
        }
    }

    /** The properties ({@code ""} for the class) with at least one constraint in the fallback. */
    public Set<String> fallbackProperties() {
        Set<String> properties = new LinkedHashSet<>();
        fallbacks.forEach(f -> properties.add(f.property()));
        return properties;
    }
}
