package dev.strata.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The passwords of a connection, in every spelling they may take in a message: as given, as written in
 * the URL, and percent-encoded (upper- and lower-case hex, space as {@code +} or {@code %20}).
 * {@link #scrub} replaces each with {@code ***} in text that comes from the driver or the server, which
 * Strata does not control. Secrets shorter than three characters are not looked for: replacing them
 * would garble every message without hiding anything worth hiding.
 */
public final class Secrets {

    /** No secrets: scrubbing changes nothing. */
    public static final Secrets NONE = new Secrets(List.of());

    private static final int SHORTEST = 3;

    private final List<String> spellings;

    private Secrets(List<String> spellings) {
        this.spellings = spellings;
    }

    /** The spellings of each of these secrets (null and short ones are skipped). */
    public static Secrets of(Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s == null || s.length() < SHORTEST) {
                continue;
            }
            String form = URLEncoder.encode(s, StandardCharsets.UTF_8);
            String percent = form.replace("+", "%20");
            for (String spelling : List.of(s, form, percent, lowerHex(form), lowerHex(percent))) {
                all.add(spelling);
            }
        }
        List<String> sorted = new ArrayList<>(all);
        // Longest first, so that a spelling that contains another is replaced whole.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Secrets(List.copyOf(sorted));
    }

    /** These secrets and those. */
    public Secrets and(Secrets other) {
        List<String> both = new ArrayList<>(spellings);
        both.addAll(other.spellings);
        return of(both);
    }

    /** The text with every spelling of every secret replaced by {@code ***}. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : spellings) {
            out = out.replace(s, ConnectionUrl.MASK);
        }
        return out;
    }

    private static String lowerHex(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            out.append(c);
            if (c == '%' && i + 2 < encoded.length()) {
                out.append(encoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
                i += 2;
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Secrets[" + spellings.size() + " spellings]";
    }
}
