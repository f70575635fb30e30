package dev.strata.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checksums of script text that ignore what editors and checkouts change without meaning to: line
 * endings, a byte-order mark, trailing white space and trailing blank lines.
 */
public final class Checksum {

    // Bump the prefix if normalise() ever changes, so stored checksums are not compared across rules.
    private static final String VERSION = "v1:";

    private Checksum() {
    }

    /**
     * The text with CRLF and CR turned into LF, a leading BOM removed, spaces and tabs at the end of
     * every line removed and trailing blank lines removed; non-empty results end with exactly one LF.
     */
    public static String normalise(String text) {
        int n = text.length();
        int i = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        StringBuilder out = new StringBuilder(n + 1);
        // Length of out up to the end of the last line holding more than white space.
        int kept = 0;
        while (i < n) {
            int end = i;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            int last = end;
            while (last > i && (text.charAt(last - 1) == ' ' || text.charAt(last - 1) == '\t')) {
                last--;
            }
            out.append(text, i, last).append('\n');
            if (last > i) {
                kept = out.length();
            }
            if (end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n') {
                end++;
            }
            i = end + 1;
        }
        out.setLength(kept);
        return out.toString();
    }

    /** {@code "v1:"} followed by the lowercase hex SHA-256 of the UTF-8 bytes of {@link #normalise}d text. */
    public static String of(String text) {
        byte[] digest = SHA_256.get().digest(normalise(text).getBytes(StandardCharsets.UTF_8));
        return VERSION + HexFormat.of().formatHex(digest);
    }

    // One digest per thread (digest() resets it): looking the algorithm up again for each of a
    // thousand scripts cost more than hashing them.
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException(e);
        }
    });
}
