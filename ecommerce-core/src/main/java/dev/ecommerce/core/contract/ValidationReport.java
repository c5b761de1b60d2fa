package dev.ecommerce.core.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ecommerce.core.config.OnInvalid;
import dev.ecommerce.core.contract.tablecheck.TableCheckResult;
import dev.ecommerce.core.io.AtomicFiles;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The outcome of a validation run, per table and constraint and per check on a whole table, written as
 * {@code validation.json} and as a JUnit XML report (one test case per table and constraint, one per table check) so
 * that CI servers show contract failures like test failures.
 *
 * @param tableChecks the checks on whole tables ({@code tableChecks} in the JSON), after the row contracts
 */
public record ValidationReport(
        String runId, OnInvalid onInvalid, List<TableReport> tables, List<TableCheckResult> tableChecks) {

    public ValidationReport {
        tableChecks = List.copyOf(tableChecks);
    }

    /** A report of the row contracts alone. */
    public ValidationReport(String runId, OnInvalid onInvalid, List<TableReport> tables) {
        this(runId, onInvalid, tables, List.of());
    }

    /** Violations kept per table in the JSON report; the counts are always complete. */
    static final int MAX_LISTED_VIOLATIONS = 1_000;

    /**
     * One constraint of a table's contract: how many rows broke it, and one example.
     *
     * @param sql the DuckDB expression that is TRUE on the rows that break the constraint, or, for a constraint
     *     with no SQL translation, why Hibernate Validator checked it row by row
     */
    public record ConstraintReport(String property, String constraint, String sql, long violations, Violation example) {

        /** {@code status OneOf}, or the constraint alone for class-level ones. */
        public String name() {
            return property.isEmpty() ? constraint : property + " " + constraint;
        }
    }

    /**
     * One table: rows checked and rejected, its constraints, and its first violations.
     *
     * @param window the first {@code created_at} checked when only the rows loaded since the last validation were
     *     (ISO-8601), null when the whole table was
     * @param rowsValidatedBefore rows of the table not checked because an earlier validation did
     * @param scope which rows were checked and why, in words
     */
    public record TableReport(
            String table,
            String contract,
            long rowsChecked,
            long rowsRejected,
            String window,
            long rowsValidatedBefore,
            String scope,
            List<String> fallbackProperties,
            List<ConstraintReport> constraints,
            List<Violation> violations) {}

    /** Builds a table's report from the compiled contract and what the check of the whole table found. */
    public static TableReport of(CompiledContract compiled, ContractResult result) {
        return of(compiled, result, null, 0, "whole table");
    }

    /**
     * Builds a table's report from the compiled contract and what the check found.
     *
     * @param window the first {@code created_at} checked, null for the whole table
     * @param rowsValidatedBefore rows left out because an earlier validation checked them
     * @param scope which rows were checked and why, in words
     */
    public static TableReport of(
            CompiledContract compiled, ContractResult result, String window, long rowsValidatedBefore, String scope) {
        Map<String, ConstraintReport> constraints = new LinkedHashMap<>();
        for (SqlCheck check : compiled.checks()) {
            constraints.putIfAbsent(
                    key(check.property(), check.constraint()),
                    new ConstraintReport(check.property(), check.constraint(), check.violation(), 0, null));
        }
        for (FallbackCheck check : compiled.fallbacks()) {
            constraints.putIfAbsent(
                    key(check.property(), check.constraint()),
                    new ConstraintReport(
                            check.property(),
                            check.constraint(),
                            "checked row by row by Hibernate Validator: " + check.reason(),
                            0,
                            null));
        }
        for (Violation violation : result.violations()) {
            constraints.merge(
                    key(violation.property(), violation.constraint()),
                    new ConstraintReport(violation.property(), violation.constraint(), null, 1, violation),
                    (a, b) -> new ConstraintReport(
                            a.property(),
                            a.constraint(),
                            a.sql(),
                            a.violations() + 1,
                            a.example() != null ? a.example() : b.example()));
        }
        return new TableReport(
                result.table().sqlName(),
                result.contract().getName(),
                result.rowsChecked(),
                result.invalidRowKeys().size(),
                window,
                rowsValidatedBefore,
                scope,
                result.fallbackProperties().stream().sorted().toList(),
                new ArrayList<>(constraints.values()),
                result.violations()
                        .subList(
                                0,
                                Math.min(
                                        MAX_LISTED_VIOLATIONS,
                                        result.violations().size())));
    }

    private static String key(String property, String constraint) {
        return property + "|" + constraint;
    }

    /** Writes {@code validation.json} and {@code junit/TEST-ecommerce-contracts.xml} under {@code directory}. */
    public void write(Path directory) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(directory.resolve("validation.json"), runId, tmp -> json.writeValue(tmp.toFile(), this));
        AtomicFiles.write(directory.resolve("junit").resolve("TEST-ecommerce-contracts.xml"), runId, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(junitXml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        });
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    /**
     * The suite {@code table-checks}: one test case per check and table; a failed check is a {@code <failure>}, a
     * warning a passing test case whose {@code <system-out>} starts with {@code WARN}.
     */
    private void tableChecksSuite(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", "table-checks");
        xml.writeAttribute("tests", Integer.toString(tableChecks.size()));
        xml.writeAttribute(
                "failures",
                Long.toString(
                        tableChecks.stream().filter(TableCheckResult::failed).count()));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", "0");
        for (TableCheckResult check : tableChecks) {
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", "table-checks." + check.table());
            xml.writeAttribute("name", check.check() + " " + check.subject());
            String text = check.observed()
                    + (check.examples().isEmpty() ? "" : "; e.g. " + String.join(", ", check.examples()));
            if (check.failed()) {
                xml.writeStartElement("failure");
                xml.writeAttribute("type", check.check());
                xml.writeAttribute("message", text);
                xml.writeCharacters(check.name() + ": " + text);
                xml.writeEndElement();
            } else if (TableCheckResult.WARN.equals(check.status())) {
                xml.writeStartElement("system-out");
                xml.writeCharacters("WARN " + check.name() + ": " + text);
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    /** The JUnit XML text: one testsuite per table, one testcase per constraint, failures for violations. */
    String junitXml() {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "ecommerce data contracts");
            for (TableReport table : tables) {
                long failures = table.constraints().stream()
                        .filter(c -> c.violations() > 0)
                        .count();
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", "contracts." + table.table());
                xml.writeAttribute("tests", Integer.toString(table.constraints().size()));
                xml.writeAttribute("failures", Long.toString(failures));
                xml.writeAttribute("errors", "0");
                xml.writeAttribute("skipped", "0");
                xml.writeStartElement("properties");
                property(xml, "rowsChecked", Long.toString(table.rowsChecked()));
                property(xml, "rowsValidatedBefore", Long.toString(table.rowsValidatedBefore()));
                property(xml, "window", table.window() == null ? "whole table" : "created_at >= " + table.window());
                property(xml, "scope", table.scope());
                xml.writeEndElement();
                for (ConstraintReport constraint : table.constraints()) {
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", "contracts." + table.table());
                    xml.writeAttribute("name", constraint.name());
                    if (constraint.violations() > 0) {
                        Violation example = constraint.example();
                        xml.writeStartElement("failure");
                        xml.writeAttribute("type", constraint.constraint());
                        xml.writeAttribute(
                                "message",
                                String.format(
                                        Locale.ROOT,
                                        "%,d of %,d rows%s: %s",
                                        constraint.violations(),
                                        table.rowsChecked(),
                                        table.window() == null
                                                ? ""
                                                : String.format(
                                                        Locale.ROOT,
                                                        " checked (created_at >= %s; %,d older rows validated"
                                                                + " before)",
                                                        table.window(),
                                                        table.rowsValidatedBefore()),
                                        example.message()));
                        xml.writeCharacters(
                                "e.g. " + table.table() + " row " + example.rowKey() + ": " + example.invalidValue());
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            if (!tableChecks.isEmpty()) {
                tableChecksSuite(xml);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the JUnit report", e);
        }
        return text.toString();
    }
}
