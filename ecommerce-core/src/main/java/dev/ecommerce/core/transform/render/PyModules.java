package dev.ecommerce.core.transform.render;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.objects.date.StrftimeFormatter;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's {@code modules}: {@code modules.datetime} ({@code date}, {@code datetime}, {@code timedelta},
 * {@code datetime.now()}, {@code date.today()}, {@code strftime}, {@code isoformat}) and {@code modules.re}
 * ({@code match}, {@code search}, {@code sub}, {@code findall}, {@code compile}), the parts templates use, on
 * Java's time and regex classes. Times are UTC, as the engine's DuckDB session is.
 */
public final class PyModules {

    private final DatetimeModule datetime = new DatetimeModule();
    private final ReModule re = new ReModule();

    public DatetimeModule getDatetime() {
        return datetime;
    }

    public ReModule getRe() {
        return re;
    }

    /** {@code modules.datetime}. */
    public static final class DatetimeModule {
        private final DatetimeClass datetimeClass = new DatetimeClass();
        private final DateClass dateClass = new DateClass();

        /** {@code modules.datetime.datetime} (for {@code .now()}, {@code .utcnow()}, {@code .strptime()}). */
        public DatetimeClass getDatetime() {
            return datetimeClass;
        }

        /** {@code modules.datetime.date} (for {@code .today()}). */
        public DateClass getDate() {
            return dateClass;
        }

        /** {@code modules.datetime.datetime(year, month, day[, hour, minute, second])}. */
        public PyDate datetime(Object... args) {
            int[] p = ints(args, 1, 1, 1, 0, 0, 0);
            return new PyDate(LocalDateTime.of(p[0], p[1], p[2], p[3], p[4], p[5]), true);
        }

        /** {@code modules.datetime.date(year, month, day)}. */
        public PyDate date(Object... args) {
            int[] p = ints(args, 1, 1, 1);
            return new PyDate(LocalDate.of(p[0], p[1], p[2]).atStartOfDay(), false);
        }

        /** {@code modules.datetime.timedelta(days=, hours=, minutes=, seconds=, weeks=)}. */
        public PyTimedelta timedelta(Object... args) {
            Duration duration = Duration.ZERO;
            List<String> units =
                    List.of("days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks");
            int position = 0;
            for (Object arg : args == null ? new Object[0] : args) {
                String unit = arg instanceof NamedParameter n ? n.getName() : units.get(position++);
                Object value = arg instanceof NamedParameter n ? n.getValue() : arg;
                long amount = ((Number) value).longValue();
                duration = duration.plus(
                        switch (unit) {
                            case "days" -> Duration.ofDays(amount);
                            case "seconds" -> Duration.ofSeconds(amount);
                            case "microseconds" -> Duration.ofNanos(amount * 1000);
                            case "milliseconds" -> Duration.ofMillis(amount);
                            case "minutes" -> Duration.ofMinutes(amount);
                            case "hours" -> Duration.ofHours(amount);
                            case "weeks" -> Duration.ofDays(7 * amount);
                            default ->
                                throw new IllegalStateException("modules.datetime.timedelta has no argument " + unit);
                        });
            }
            return new PyTimedelta(duration);
        }
    }

    /** {@code datetime.datetime}'s class methods. */
    public static final class DatetimeClass {
        public PyDate now() {
            return new PyDate(LocalDateTime.now(ZoneOffset.UTC), true);
        }

        public PyDate utcnow() {
            return now();
        }

        /** {@code strptime(text, format)} with Python's {@code %Y %m %d %H %M %S} directives. */
        public PyDate strptime(Object text, Object format) {
            String pattern = String.valueOf(format)
                    .replace("%Y", "yyyy")
                    .replace("%m", "MM")
                    .replace("%d", "dd")
                    .replace("%H", "HH")
                    .replace("%M", "mm")
                    .replace("%S", "ss");
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern);
            boolean timed = pattern.contains("HH");
            return timed
                    ? new PyDate(LocalDateTime.parse(String.valueOf(text), formatter), true)
                    : new PyDate(
                            LocalDate.parse(String.valueOf(text), formatter).atStartOfDay(), false);
        }
    }

    /** {@code datetime.date}'s class methods. */
    public static final class DateClass {
        public PyDate today() {
            return new PyDate(LocalDate.now(ZoneOffset.UTC).atStartOfDay(), false);
        }
    }

    /** A Python {@code date} or {@code datetime}: printed as Python prints it. */
    public static final class PyDate implements PyishSerializable {
        private final LocalDateTime value;
        private final boolean timed;

        PyDate(LocalDateTime value, boolean timed) {
            this.value = value;
            this.timed = timed;
        }

        public String strftime(Object format) {
            return StrftimeFormatter.format(value.atZone(ZoneOffset.UTC), String.valueOf(format));
        }

        public String isoformat() {
            return timed
                    ? value.toString().length() == 16 ? value + ":00" : value.toString()
                    : value.toLocalDate().toString();
        }

        public int getYear() {
            return value.getYear();
        }

        public int getMonth() {
            return value.getMonthValue();
        }

        public int getDay() {
            return value.getDayOfMonth();
        }

        public int getHour() {
            return value.getHour();
        }

        /** {@code date.date()}: the date part. */
        public PyDate date() {
            return new PyDate(value.toLocalDate().atStartOfDay(), false);
        }

        /** This time plus a {@code timedelta} (Jinja has no {@code +} on objects). */
        public PyDate plus(PyTimedelta delta) {
            return new PyDate(value.plus(delta.duration), timed);
        }

        /** This time minus a {@code timedelta}. */
        public PyDate minus(PyTimedelta delta) {
            return new PyDate(value.minus(delta.duration), timed);
        }

        @Override
        public String toString() {
            return timed ? isoformat().replace('T', ' ') : isoformat();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends Appendable & CharSequence> T appendPyishString(T appendable) throws IOException {
            return (T) appendable.append(toString());
        }
    }

    /** A Python {@code timedelta}: {@code days}, {@code seconds}, {@code total_seconds()}. */
    public static final class PyTimedelta {
        private final Duration duration;

        PyTimedelta(Duration duration) {
            this.duration = duration;
        }

        public long getDays() {
            return Math.floorDiv(duration.getSeconds(), 86400);
        }

        public long getSeconds() {
            return Math.floorMod(duration.getSeconds(), 86400);
        }

        public double total_seconds() {
            return duration.toNanos() / 1e9;
        }
    }

    /** {@code modules.re}: Python's regular expressions as Java's (the syntax templates use is shared). */
    public static final class ReModule {
        public PyPattern compile(Object pattern) {
            return new PyPattern(Pattern.compile(python(pattern)));
        }

        public PyMatch match(Object pattern, Object text) {
            return compile(pattern).match(text);
        }

        public PyMatch search(Object pattern, Object text) {
            return compile(pattern).search(text);
        }

        public List<Object> findall(Object pattern, Object text) {
            return compile(pattern).findall(text);
        }

        public String sub(Object pattern, Object replacement, Object text) {
            return compile(pattern).sub(replacement, text);
        }

        private static String python(Object pattern) {
            return String.valueOf(pattern).replace("(?P<", "(?<").replace("\\Z", "\\z");
        }
    }

    /** A compiled pattern. */
    public static final class PyPattern {
        private final Pattern pattern;

        PyPattern(Pattern pattern) {
            this.pattern = pattern;
        }

        public PyMatch match(Object text) {
            Matcher m = pattern.matcher(String.valueOf(text));
            return m.lookingAt() ? new PyMatch(m) : null;
        }

        public PyMatch search(Object text) {
            Matcher m = pattern.matcher(String.valueOf(text));
            return m.find() ? new PyMatch(m) : null;
        }

        public PyMatch fullmatch(Object text) {
            Matcher m = pattern.matcher(String.valueOf(text));
            return m.matches() ? new PyMatch(m) : null;
        }

        /** Python's findall: the whole matches, or the one group's, or each match's groups as a list. */
        public List<Object> findall(Object text) {
            Matcher m = pattern.matcher(String.valueOf(text));
            List<Object> found = new ArrayList<>();
            while (m.find()) {
                if (m.groupCount() == 0) {
                    found.add(m.group());
                } else if (m.groupCount() == 1) {
                    found.add(m.group(1));
                } else {
                    found.add(new PyMatch(m.toMatchResult()).groups());
                }
            }
            return found;
        }

        /** Python's sub: {@code \1} and {@code \g<name>} in the replacement name groups. */
        public String sub(Object replacement, Object text) {
            String java = String.valueOf(replacement)
                    .replace("$", "\\$")
                    .replaceAll("\\\\g<(\\w+)>", "\\${$1}")
                    .replaceAll("\\\\(\\d)", "\\$$1");
            return pattern.matcher(String.valueOf(text)).replaceAll(java);
        }
    }

    /** A match: {@code group(n)} and {@code groups()}; a match is true in {@code {% if %}} (no match is none). */
    public static final class PyMatch {
        private final java.util.regex.MatchResult match;

        PyMatch(java.util.regex.MatchResult match) {
            this.match = match;
        }

        public String group(Object... index) {
            if (index == null || index.length == 0) {
                return match.group();
            }
            return index[0] instanceof Number n
                    ? match.group(n.intValue())
                    : ((Matcher) match).group(String.valueOf(index[0]));
        }

        public List<Object> groups() {
            List<Object> groups = new ArrayList<>();
            for (int i = 1; i <= match.groupCount(); i++) {
                groups.add(match.group(i));
            }
            return groups;
        }

        public int start() {
            return match.start();
        }

        public int end() {
            return match.end();
        }
    }

    private static int[] ints(Object[] args, int... defaults) {
        int[] values = defaults.clone();
        List<String> names = List.of("year", "month", "day", "hour", "minute", "second");
        int position = 0;
        for (Object arg : args == null ? new Object[0] : args) {
            if (arg instanceof NamedParameter n) {
                values[names.indexOf(n.getName())] = ((Number) n.getValue()).intValue();
            } else {
                values[position++] = ((Number) arg).intValue();
            }
        }
        return values;
    }
}
