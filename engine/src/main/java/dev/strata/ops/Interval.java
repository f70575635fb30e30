package dev.strata.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL interval given as a {@link Duration} or as text such as {@code "7 days"} or
 * {@code "1 hour 30 minutes"}, rendered as {@code INTERVAL '7 days'}. Nonsense is refused when the op is
 * recorded, not when the server reads it.
 */
public final class Interval {

    private static final Pattern TERM = Pattern.compile("\\s*(\\d+)\\s*([a-zA-Z]+)\\s*");

    /** Units PostgreSQL accepts in interval text, by every spelling we accept, to its canonical name. */
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("microsecond", "microsecond"), Map.entry("microseconds", "microsecond"), Map.entry("us", "microsecond"),
            Map.entry("millisecond", "millisecond"), Map.entry("milliseconds", "millisecond"), Map.entry("ms", "millisecond"),
            Map.entry("second", "second"), Map.entry("seconds", "second"), Map.entry("sec", "second"),
            Map.entry("secs", "second"), Map.entry("s", "second"),
            Map.entry("minute", "minute"), Map.entry("minutes", "minute"), Map.entry("min", "minute"),
            Map.entry("mins", "minute"), Map.entry("m", "minute"),
            Map.entry("hour", "hour"), Map.entry("hours", "hour"), Map.entry("hr", "hour"), Map.entry("hrs", "hour"),
            Map.entry("h", "hour"),
            Map.entry("day", "day"), Map.entry("days", "day"), Map.entry("d", "day"),
            Map.entry("week", "week"), Map.entry("weeks", "week"), Map.entry("w", "week"),
            Map.entry("month", "month"), Map.entry("months", "month"), Map.entry("mon", "month"), Map.entry("mons", "month"),
            Map.entry("year", "year"), Map.entry("years", "year"), Map.entry("y", "year"), Map.entry("yr", "year"),
            Map.entry("yrs", "year"));

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final String[] DURATION_UNITS = {"day", "hour", "minute", "second", "millisecond", "microsecond"};
    private static final long[] DURATION_MICROS = {MICROS_PER_DAY, 3_600_000_000L, 60_000_000L, 1_000_000L, 1_000L, 1L};

    private final String text;

    private Interval(String text) {
        this.text = text;
    }

    /**
     * Text such as {@code "7 days"}, {@code "1 hour 30 minutes"} or {@code "30d"}: one or more whole, positive
     * amounts each with a unit (microseconds to years).
     *
     * @throws IllegalArgumentException for anything else, saying what was expected
     */
    public static Interval of(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an interval must not be empty; write e.g. \"7 days\"");
        }
        Matcher m = TERM.matcher(text);
        List<String> terms = new ArrayList<>();
        int end = 0;
        boolean positive = false;
        while (m.lookingAt()) {
            String unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
            if (unit == null) {
                throw new IllegalArgumentException("unknown interval unit '" + m.group(2) + "' in \"" + text
                        + "\"; use microseconds, milliseconds, seconds, minutes, hours, days, weeks, months or years");
            }
            long amount;
            try {
                amount = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("interval amount too large in \"" + text + "\"", e);
            }
            positive |= amount > 0;
            terms.add(amount + " " + unit + (amount == 1 ? "" : "s"));
            end = m.end();
            m.region(end, text.length());
        }
        if (end != text.length() || terms.isEmpty()) {
            throw new IllegalArgumentException("not an interval: \"" + text
                    + "\"; write whole amounts with units, e.g. \"7 days\" or \"1 hour 30 minutes\"");
        }
        if (!positive) {
            throw new IllegalArgumentException("an interval must be longer than zero: \"" + text + "\"");
        }
        return new Interval(String.join(" ", terms));
    }

    /**
     * A positive duration of whole microseconds, written in the largest units that fit exactly:
     * {@code Duration.ofHours(36)} is {@code 1 day 12 hours}.
     *
     * @throws IllegalArgumentException for zero, a negative duration, or one finer than a microsecond
     */
    public static Interval of(Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("an interval must be longer than zero: " + duration);
        }
        if (duration.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException("PostgreSQL intervals count whole microseconds: " + duration);
        }
        long micros = duration.getSeconds() * 1_000_000L + duration.getNano() / 1_000;
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < DURATION_UNITS.length; i++) {
            long amount = micros / DURATION_MICROS[i];
            micros %= DURATION_MICROS[i];
            if (amount > 0) {
                terms.add(amount + " " + DURATION_UNITS[i] + (amount == 1 ? "" : "s"));
            }
        }
        return new Interval(String.join(" ", terms));
    }

    /** The interval text without the keyword, e.g. {@code 7 days}. */
    public String text() {
        return text;
    }

    /** As PostgreSQL reads it: {@code INTERVAL '7 days'}. */
    public String sql() {
        return "INTERVAL " + Sql.literal(text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interval other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return sql();
    }
}
