/**
 * The run report: {@code report.html}, one self-contained page (styles, script and pictures inline, no network)
 * drawn from what the goals wrote under the work directory (the run manifest, the validation report, dbt's
 * artifacts) and the last runs' summaries ({@code history.json}). {@link dev.ecommerce.core.report.RunReport} is
 * its one entry point; the {@code run} package calls it after every goal.
 */
package dev.ecommerce.core.report;
