package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.schema.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A backfill: the rows created in {@code [from, to)} loaded in chunks, each committed with its state, so that a
 * killed backfill resumes at its first chunk not committed.
 *
 * @param from the first day, inclusive (UTC)
 * @param to the day after the last, exclusive (UTC)
 * @param chunk how much each chunk covers
 */
public record Backfill(LocalDate from, LocalDate to, Chunk chunk) {

    /** How much of the range each chunk covers; chunks end at calendar boundaries (UTC). */
    public enum Chunk {
        DAY,
        WEEK,
        MONTH;

        /** The default, as the build tool's parameter says it. */
        public static final String DEFAULT = "month";

        public static Chunk parse(String raw) {
            return Choices.parse(Chunk.class, raw == null || raw.isBlank() ? DEFAULT : raw, Setting.CHUNK.ref());
        }

        LocalDate next(LocalDate day) {
            return switch (this) {
                case DAY -> day.plusDays(1);
                case WEEK -> day.plusWeeks(1).with(java.time.DayOfWeek.MONDAY);
                case MONTH -> day.plusMonths(1).withDayOfMonth(1);
            };
        }
    }

    public Backfill {
        if (!to.isAfter(from)) {
            throw new ConfigurationException(Setting.FROM.ref() + " (" + from + ") must be before " + Setting.TO.ref()
                    + " (" + to + ", exclusive): nothing to backfill.");
        }
    }

    /**
     * The backfill the settings ask for, or null when neither {@code from} nor {@code to} is set.
     *
     * @param from {@code YYYY-MM-DD}
     * @param to {@code YYYY-MM-DD}, exclusive
     */
    public static Backfill of(String from, String to, String chunk) {
        boolean hasFrom = from != null && !from.isBlank();
        boolean hasTo = to != null && !to.isBlank();
        if (!hasFrom && !hasTo) {
            return null;
        }
        if (!hasFrom || !hasTo) {
            throw new ConfigurationException("A backfill needs both " + Setting.FROM.ref() + " and " + Setting.TO.ref()
                    + " (YYYY-MM-DD, the second exclusive); only " + (hasFrom ? Setting.FROM.ref() : Setting.TO.ref())
                    + " is set.");
        }
        return new Backfill(day(from, Setting.FROM), day(to, Setting.TO), Chunk.parse(chunk));
    }

    private static LocalDate day(String raw, Setting setting) {
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(
                    setting.ref() + " must be a date YYYY-MM-DD (UTC), not '" + raw.trim() + "'.");
        }
    }

    /** The chunks' windows over a column, in order; the first and last may be shorter than a whole chunk. */
    public List<Window> windows(String column) {
        List<Window> windows = new ArrayList<>();
        LocalDate start = from;
        while (start.isBefore(to)) {
            LocalDate end = chunk.next(start);
            if (end.isAfter(to)) {
                end = to;
            }
            windows.add(new Window(column, instant(start), instant(end)));
            start = end;
        }
        return windows;
    }

    public Instant fromInstant() {
        return instant(from);
    }

    public Instant toInstant() {
        return instant(to);
    }

    private static Instant instant(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Override
    public String toString() {
        return from + " .. " + to + " (exclusive) by " + chunk.name().toLowerCase(java.util.Locale.ROOT);
    }
}
