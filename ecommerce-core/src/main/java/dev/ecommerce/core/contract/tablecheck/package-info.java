/**
 * Checks on whole tables, run by validate after the row contracts: freshness of the newest {@code created_at},
 * volume against the previous validation, schema drift against it (dlt's {@code evolve} and {@code freeze}), unique
 * primary keys and resolving foreign keys. {@link dev.ecommerce.core.contract.tablecheck.TableChecker} is the one
 * entry point; its results go into the validation report.
 */
package dev.ecommerce.core.contract.tablecheck;
