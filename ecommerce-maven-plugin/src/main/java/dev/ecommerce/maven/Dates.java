package dev.ecommerce.maven;

import dev.ecommerce.core.ConfigurationException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Parses dates of the plugin's parameters with errors that name the parameter. */
final class Dates {

    private Dates() {}

    static LocalDate parse(String raw, String setting) {
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(
                    "'" + raw + "' is not a date for " + setting + ": use YYYY-MM-DD, e.g. 2026-01-01.");
        }
    }
}
