package dev.ecommerce.core.contract;

import dev.ecommerce.core.schema.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * What a contract check found in one table.
 *
 * @param table the table
 * @param contract the contract class
 * @param rowsChecked the number of rows in the table
 * @param invalidRowKeys the keys of the rows with at least one violation, ascending (a null key first)
 * @param violations every violation, by row key, property and constraint
 * @param fallbackProperties the properties (or {@code ""} for the class) with a constraint that has no
 *     SQL translation and was checked row by row by Hibernate Validator
 */
public record ContractResult(
        Table table,
        Class<?> contract,
        long rowsChecked,
        List<Long> invalidRowKeys,
        List<Violation> violations,
        Set<String> fallbackProperties) {

    public ContractResult {
        // Not List.copyOf: a row whose key is null is reported under a null key.
        invalidRowKeys = Collections.unmodifiableList(new ArrayList<>(invalidRowKeys));
        violations = List.copyOf(violations);
        fallbackProperties = Set.copyOf(fallbackProperties);
    }

    /** True when no row breaks the contract. */
    public boolean isValid() {
        return violations.isEmpty();
    }
}
