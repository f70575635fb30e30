package dev.strata.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Intervals as PostgreSQL prints them ({@code 7 days}, {@code 01:30:00}) as {@link dev.strata.ops.Interval} reads them. */
final class Intervals {

    private Intervals() {}

    private static final Pattern CLOCK = Pattern.compile("(.*?)\\s*(\\d+):(\\d+):(\\d+)");

    /** The interval in unit words ({@code 1 day 2 hours}), or {@code null} for {@code null} or an integer (not an interval). */
    static String text(String printed) {
        if (printed == null || printed.strip().matches("-?\\d+")) {
            return null;
        }
        Matcher m = CLOCK.matcher(printed.strip());
        if (!m.matches()) {
            return printed.strip();
        }
        List<String> parts = new ArrayList<>();
        if (!m.group(1).isBlank()) {
            parts.add(m.group(1).strip());
        }
        String[] units = {"hour", "minute", "second"};
        for (int i = 0; i < 3; i++) {
            int amount = Integer.parseInt(m.group(i + 2));
            if (amount != 0) {
                parts.add(amount + " " + units[i] + (amount == 1 ? "" : "s"));
            }
        }
        return String.join(" ", parts);
    }
}
