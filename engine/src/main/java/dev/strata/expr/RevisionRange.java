package dev.strata.expr;

/**
 * {@code A:B}, {@code A:} or {@code :B}: a range for {@code history} and the start and end of offline
 * SQL. A missing side is null.
 */
public record RevisionRange(RevisionExpr lower, RevisionExpr upper, String text) {

    /** Parses {@code A:B}; a text without {@code :} is not a range. */
    public static RevisionRange parse(String input) {
        String text = input == null ? "" : input.strip();
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new ExpressionException(text, "is not a range; write START:END, START: or :END");
        }
        if (text.indexOf(':', colon + 1) >= 0) {
            throw new ExpressionException(text, "is not a range: it has more than one ':'");
        }
        String a = text.substring(0, colon).strip();
        String b = text.substring(colon + 1).strip();
        return new RevisionRange(a.isEmpty() ? null : RevisionExpr.parse(a), b.isEmpty() ? null : RevisionExpr.parse(b), text);
    }

    public static boolean isRange(String text) {
        return text != null && text.indexOf(':') >= 0;
    }
}
