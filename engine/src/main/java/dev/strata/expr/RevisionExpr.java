package dev.strata.expr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A revision expression, parsed once at the edge: {@code head}, {@code heads}, {@code base}, an id or
 * unique prefix, {@code LABEL@head}, {@code LABEL@base}, {@code REV@head}, {@code +N}, {@code -N},
 * {@code REV+N}, {@code REV-N}, {@code LABEL@+N}, {@code LABEL@-N}, {@code current}.
 *
 * <p>{@code branch} is the part before {@code @}: a branch label or a revision id (Alembic accepts both),
 * or null. An empty one is none, as in Alembic: {@code @head} is {@code head}.
 */
public sealed interface RevisionExpr {

    /** What the user wrote, for messages. */
    String text();

    /** The qualifier before {@code @}, or null. */
    String branch();

    /** {@code head} or {@code BRANCH@head}: the single head (of the branch). */
    record Head(String branch, String text) implements RevisionExpr {}

    /** {@code heads} or {@code BRANCH@heads}: every head (of the branch). */
    record Heads(String branch, String text) implements RevisionExpr {}

    /** {@code base} or {@code BRANCH@base}: before the first revision (of the branch). */
    record Base(String branch, String text) implements RevisionExpr {}

    /** An id, unique id prefix or branch label, optionally as {@code BRANCH@id}. */
    record Ref(String branch, String id, String text) implements RevisionExpr {}

    /**
     * A relative move: {@code +N}/{@code -N} from the current heads, or from {@code symbol}
     * ({@code REV+N}, {@code head-1}), optionally within a branch ({@code LABEL@-1}).
     */
    record Relative(String branch, String symbol, int steps, String text) implements RevisionExpr {}

    /** {@code current}: the database's current heads (only where a database is at hand). */
    record Current(String text) implements RevisionExpr {
        @Override
        public String branch() {
            return null;
        }
    }

    Pattern NAME = Pattern.compile("[A-Za-z0-9_.]+");
    Pattern RELATIVE = Pattern.compile("([A-Za-z0-9_.]+)?([+-])(\\d{1,9})");

    /**
     * Parses an expression.
     *
     * @throws ExpressionException when the text is not an expression
     */
    static RevisionExpr parse(String input) {
        if (input == null || input.isBlank()) {
            throw new ExpressionException("", "is not a revision expression: it is empty");
        }
        String text = input.strip();
        if (text.startsWith("--")) {
            throw new ExpressionException(text, "is not a revision expression, nor an option of this command (see its --help)");
        }
        String branch = null;
        String rest = text;
        int at = text.indexOf('@');
        if (at >= 0) {
            branch = text.substring(0, at);
            rest = text.substring(at + 1);
            if (branch.isEmpty()) {
                // Alembic reads '@head' as 'head' (an empty label is no label), and '@-1' as the id '-1'.
                if (RELATIVE.matcher(rest).matches()) {
                    throw new ExpressionException(text, "is not a revision expression: a relative step takes no bare '@'; write "
                            + rest + " or LABEL@" + rest);
                }
                branch = null;
            } else if (!NAME.matcher(branch).matches()) {
                throw new ExpressionException(text, "is not a revision expression: '" + branch
                        + "' before '@' must be a branch label or revision id");
            }
        }
        Matcher m = RELATIVE.matcher(rest);
        if (m.matches()) {
            int steps = Integer.parseInt(m.group(3));
            if (steps == 0) {
                throw new ExpressionException(text, "is a relative step of zero; use +N or -N with N of at least 1");
            }
            return new Relative(branch, m.group(1), m.group(2).equals("-") ? -steps : steps, text);
        }
        switch (rest) {
            case "head":
                return new Head(branch, text);
            case "heads":
                return new Heads(branch, text);
            case "base":
                return new Base(branch, text);
            case "current":
                if (branch == null) {
                    return new Current(text);
                }
                break;
            default:
                if (NAME.matcher(rest).matches()) {
                    return new Ref(branch, rest, text);
                }
        }
        throw new ExpressionException(text, "is not a revision expression (expected head, heads, base, an id, "
                + "LABEL@head, LABEL@base, +N, -N, REV+N or LABEL@-N)");
    }
}
