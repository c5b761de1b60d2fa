/**
 * The {@code validate} stage: Bean Validation contracts of the thelook tables (one record per table) and
 * {@link dev.ecommerce.core.contract.ContractEngine}, which compiles a contract from Hibernate Validator's
 * metadata into one DuckDB query per table and checks in Java, row by row, only the constraints that have
 * no SQL translation. Depends on {@code schema} and {@code warehouse}; nothing depends on it yet.
 */
package dev.ecommerce.core.contract;
