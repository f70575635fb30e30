package dev.strata.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits SQL text into statements exactly where psql 15 would send them to the server.
 *
 * <p>This is a port of the statement-boundary rules of PostgreSQL's {@code src/fe_utils/psqlscan.l}
 * (itself the backend lexer with psql's semicolon and parenthesis counting): only the parts that
 * decide where a statement ends are kept, and {@code standard_conforming_strings} is taken as on.
 * psql's own meta-commands ({@code \i}, {@code \;}, {@code :var}) are not part of a migration
 * script, so a backslash outside a string is an ordinary character here.
 */
public final class StatementSplitter {

    private StatementSplitter() {
    }

    /**
     * Splits {@code sql} into statements.
     *
     * @param sql       the text of one script part
     * @param firstLine the file line number of {@code sql}'s first line, so statements carry file lines
     * @return the statements in order; pieces holding only white space and comments are left out
     * @throws ScriptException (without a file) when a quoted string, quoted identifier, dollar quote
     *                         or block comment is still open at the end; its line is where it began
     */
    public static List<Statement> split(String sql, int firstLine) {
        return new Scan(sql, firstLine).run();
    }

    // One pass over one text; all lexer state of psqlscan.l that affects boundaries lives here.
    private static final class Scan {
        private final String s;
        private final int n;
        private final List<Statement> out = new ArrayList<>();

        private int parenDepth;
        // psql tracks BEGIN ... END only in CREATE [OR REPLACE] FUNCTION|PROCEDURE, from the first
        // letters of the statement's first four identifiers; we keep its exact heuristic.
        private int beginDepth;
        private int identifierCount;
        private final char[] identifiers = new char[4];

        private int pieceStart;
        private int firstToken = -1;

        // Lines are counted lazily and forwards only, so the whole scan stays linear.
        private final int firstLine;
        private int linePos;
        private int lineNo;

        Scan(String s, int firstLine) {
            this.s = s;
            this.n = s.length();
            this.firstLine = firstLine;
            this.lineNo = firstLine;
        }

        List<Statement> run() {
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                switch (c) {
                    case ' ', '\t', '\n', '\r', '\f' -> i++;
                    case '-' -> {
                        if (at(i + 1) == '-') {
                            i = endOfLine(i);
                        } else {
                            token(i);
                            i++;
                        }
                    }
                    case '/' -> {
                        if (at(i + 1) == '*') {
                            i = skipBlockComment(i);
                        } else {
                            token(i);
                            i++;
                        }
                    }
                    case '\'' -> {
                        token(i);
                        i = skipQuoted(i, i + 1, false);
                    }
                    case '"' -> {
                        token(i);
                        i = skipQuotedIdentifier(i, i + 1);
                    }
                    case '$' -> {
                        token(i);
                        i = dollar(i);
                    }
                    case '(' -> {
                        token(i);
                        parenDepth++;
                        i++;
                    }
                    case ')' -> {
                        token(i);
                        if (parenDepth > 0) {
                            parenDepth--;
                        }
                        i++;
                    }
                    case ';' -> {
                        if (parenDepth == 0 && beginDepth == 0) {
                            emit(i);
                            pieceStart = i + 1;
                            identifierCount = 0;
                        } else {
                            token(i);
                        }
                        i++;
                    }
                    default -> {
                        token(i);
                        if (isDigit(c) || (c == '.' && isDigit(at(i + 1)))) {
                            i = skipNumber(i);
                        } else if (isIdentStart(c)) {
                            i = word(i);
                        } else {
                            i++;
                        }
                    }
                }
            }
            emit(n);
            return out;
        }

        // The character at i, or '\0' past the end; callers only compare with other characters.
        private char at(int i) {
            return i < n ? s.charAt(i) : '\0';
        }

        private void token(int i) {
            if (firstToken < 0) {
                firstToken = i;
            }
        }

        private void emit(int end) {
            if (firstToken >= 0) {
                out.add(new Statement(trim(pieceStart, end), lineAt(firstToken)));
            }
            firstToken = -1;
        }

        private String trim(int from, int to) {
            while (from < to && isSpace(s.charAt(from))) {
                from++;
            }
            while (to > from && isSpace(s.charAt(to - 1))) {
                to--;
            }
            return s.substring(from, to);
        }

        private int lineAt(int pos) {
            if (pos < linePos) {
                linePos = 0;
                lineNo = firstLine;
            }
            for (int k = linePos; k < pos; k++) {
                char c = s.charAt(k);
                // \r\n counts once, at its \n; a lone \r is a line break too, as for the header.
                if (c == '\n' || (c == '\r' && at(k + 1) != '\n')) {
                    lineNo++;
                }
            }
            linePos = pos;
            return lineNo;
        }

        private ScriptException unterminated(int start, String what) {
            return new ScriptException(null, lineAt(start), "unterminated " + what);
        }

        // The index of the line break ending the line at i, or n.
        private int endOfLine(int i) {
            while (i < n) {
                char c = s.charAt(i);
                if (c == '\n' || c == '\r') {
                    return i;
                }
                i++;
            }
            return n;
        }

        // Block comments nest, unlike the SQL standard's; psql follows the server.
        private int skipBlockComment(int start) {
            int depth = 0;
            int i = start + 2;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '/' && at(i + 1) == '*') {
                    depth++;
                    i += 2;
                } else if (c == '*' && at(i + 1) == '/') {
                    if (depth == 0) {
                        return i + 2;
                    }
                    depth--;
                    i += 2;
                } else {
                    i++;
                }
            }
            throw unterminated(start, "/* comment");
        }

        // Skips a quoted string whose body starts at i. With standard strings on, only E''
        // strings treat a backslash as an escape; B'', X'', N'' and U&'' read like plain ''.
        private int skipQuoted(int start, int i, boolean escapes) {
            while (i < n) {
                char c = s.charAt(i);
                if (c == '\\' && escapes) {
                    i += 2;
                } else if (c == '\'') {
                    if (at(i + 1) == '\'') {
                        i += 2;
                        continue;
                    }
                    int next = continuation(i + 1);
                    if (next < 0) {
                        return i + 1;
                    }
                    i = next + 1;
                } else {
                    i++;
                }
            }
            throw unterminated(start, "quoted string");
        }

        // Where a string continues: 'a' then white space holding a newline then 'b' is
        // one literal (and an E'' string's escapes go on applying to the second part). Returns the
        // index of the continuing quote, or -1. Mirrors quotecontinue in psqlscan.l.
        private int continuation(int i) {
            while (i < n) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\f') {
                    i++;
                } else if (c == '-' && at(i + 1) == '-') {
                    i = endOfLine(i);
                } else {
                    break;
                }
            }
            if (i >= n || (s.charAt(i) != '\n' && s.charAt(i) != '\r')) {
                return -1;
            }
            i++;
            while (i < n) {
                char c = s.charAt(i);
                if (isSpace(c)) {
                    i++;
                } else if (c == '-' && at(i + 1) == '-') {
                    i = endOfLine(i);
                    if (i >= n) {
                        return -1;
                    }
                    i++;
                } else {
                    break;
                }
            }
            return at(i) == '\'' ? i : -1;
        }

        private int skipQuotedIdentifier(int start, int i) {
            while (i < n) {
                if (s.charAt(i) == '"') {
                    if (at(i + 1) != '"') {
                        return i + 1;
                    }
                    i += 2;
                } else {
                    i++;
                }
            }
            throw unterminated(start, "quoted identifier");
        }

        // A $ at a token start: a dollar quote, a parameter, or a lone character.
        private int dollar(int i) {
            int j = i + 1;
            char c = at(j);
            if (isDigit(c)) {
                // {param}, or PG 15's {param_junk}: "$1x$$" is one token.
                while (isDigit(at(j))) {
                    j++;
                }
                return identifierEnd(j);
            }
            if (c != '$' && !isIdentStart(c)) {
                return j;
            }
            int tagEnd = j;
            while (tagEnd < n && isDollarTagChar(s.charAt(tagEnd))) {
                tagEnd++;
            }
            if (at(tagEnd) != '$') {
                // {dolqfailed}: "$abc" with no closing "$" gives back all but the "$".
                return j;
            }
            String delimiter = s.substring(i, tagEnd + 1);
            // Inside a dollar quote only the identical delimiter ends it; psqlscan.l rescans from
            // every "$", which finds the same first occurrence as a plain search.
            int close = s.indexOf(delimiter, tagEnd + 1);
            if (close < 0) {
                throw unterminated(i, "dollar-quoted string (" + delimiter + ")");
            }
            return close + delimiter.length();
        }

        // A token starting with a letter: a prefixed string (E'', B'', X'', N'', U&'', U&"") or an
        // identifier. Identifiers swallow following letters, digits and $, so the prefix
        // letter only counts at a token start (somee'x' is somee then 'x').
        private int word(int i) {
            char c = s.charAt(i);
            char c1 = at(i + 1);
            if (c1 == '\'') {
                switch (c) {
                    case 'e', 'E' -> {
                        return skipQuoted(i, i + 2, true);
                    }
                    case 'b', 'B', 'x', 'X', 'n', 'N' -> {
                        return skipQuoted(i, i + 2, false);
                    }
                    default -> {
                    }
                }
            }
            if ((c == 'u' || c == 'U') && c1 == '&' && i + 2 < n) {
                char c2 = s.charAt(i + 2);
                if (c2 == '\'') {
                    return skipQuoted(i, i + 3, false);
                }
                if (c2 == '"') {
                    return skipQuotedIdentifier(i, i + 3);
                }
            }
            int j = i + 1;
            while (j < n && isIdentCont(s.charAt(j))) {
                j++;
            }
            identifier(i, j);
            return j;
        }

        private void identifier(int from, int to) {
            if (identifierCount == 0) {
                Arrays.fill(identifiers, '\0');
            }
            char initial = createFunctionWord(from, to);
            if (initial != '\0' && identifierCount < identifiers.length) {
                identifiers[identifierCount] = initial;
            }
            identifierCount++;
            boolean inRoutine = identifiers[0] == 'c'
                    && (identifiers[1] == 'f' || identifiers[1] == 'p'
                            || (identifiers[1] == 'o' && identifiers[2] == 'r'
                                    && (identifiers[3] == 'f' || identifiers[3] == 'p')));
            if (!inRoutine || parenDepth != 0) {
                return;
            }
            if (word(from, to, "begin")) {
                beginDepth++;
            } else if (word(from, to, "case")) {
                // CASE also ends with END, but only matters once inside a BEGIN.
                if (beginDepth >= 1) {
                    beginDepth++;
                }
            } else if (word(from, to, "end")) {
                if (beginDepth > 0) {
                    beginDepth--;
                }
            }
        }

        private char createFunctionWord(int from, int to) {
            if (word(from, to, "create") || word(from, to, "function") || word(from, to, "procedure")
                    || word(from, to, "or") || word(from, to, "replace")) {
                return Character.toLowerCase(s.charAt(from));
            }
            return '\0';
        }

        // ASCII-only case folding, as pg_strcasecmp does; Java's would fold e.g. U+017F to 's'.
        private boolean word(int from, int to, String lower) {
            if (to - from != lower.length()) {
                return false;
            }
            for (int k = 0; k < lower.length(); k++) {
                char c = s.charAt(from + k);
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + ('a' - 'A'));
                }
                if (c != lower.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        // A numeric literal, lexed as PG 15 does: the longest match among integer,
        // decimal, real, their *fail forms and their *_junk forms,
        // which run on through a whole identifier (1e'x' is the token 1e then a plain
        // string, and 1a$$ is one token, not a dollar quote). Returns where the next token starts.
        private int skipNumber(int i) {
            int intEnd = i;
            while (isDigit(at(intEnd))) {
                intEnd++;
            }
            boolean hasInteger = intEnd > i;
            if (hasInteger && at(intEnd) == '.' && at(intEnd + 1) == '.') {
                return intEnd; // {decimalfail}: "1..": the integer, then ".."
            }
            int decEnd = -1;
            if (at(intEnd) == '.') {
                int k = intEnd + 1;
                while (isDigit(at(k))) {
                    k++;
                }
                if (hasInteger || k > intEnd + 1) {
                    decEnd = k;
                }
            }
            // Candidates in flex's rule order; a longer match wins, the earlier rule breaks ties.
            int bestLength = 0;
            int next = i;
            int mantissa = decEnd >= 0 ? decEnd : intEnd;
            if (mantissa > i) {
                bestLength = mantissa - i; // {integer} or {decimal}
                next = mantissa;
            }
            char e = at(mantissa);
            if ((e == 'e' || e == 'E') && mantissa > i) {
                int k = mantissa + 1;
                boolean sign = at(k) == '+' || at(k) == '-';
                if (sign) {
                    k++;
                }
                if (isDigit(at(k))) {
                    while (isDigit(at(k))) {
                        k++;
                    }
                    if (k - i > bestLength) { // {real}
                        bestLength = k - i;
                        next = k;
                    }
                    int junk = identifierEnd(k); // {real_junk}
                    if (junk - i > bestLength) {
                        bestLength = junk - i;
                        next = junk;
                    }
                } else if (sign && k - i > bestLength) {
                    // {realfail}: PG 15 keeps all of "1e-" as one (junk) token, so in "1e--" the
                    // second "-" is an operator, not the start of a comment.
                    bestLength = k - i;
                    next = k;
                }
            }
            if (hasInteger && identifierEnd(intEnd) - i > bestLength) { // {integer_junk}
                bestLength = identifierEnd(intEnd) - i;
                next = identifierEnd(intEnd);
            }
            if (decEnd >= 0 && identifierEnd(decEnd) - i > bestLength) { // {decimal_junk}
                next = identifierEnd(decEnd);
            }
            return next;
        }

        // The end of an identifier starting at k, or k when none starts there.
        private int identifierEnd(int k) {
            if (k >= n || !isIdentStart(s.charAt(k))) {
                return k;
            }
            k++;
            while (k < n && isIdentCont(s.charAt(k))) {
                k++;
            }
            return k;
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        // psqlscan.l's [A-Za-z\200-\377_]: every byte of a non-ASCII UTF-8 character qualifies.
        private static boolean isIdentStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
        }

        private static boolean isIdentCont(char c) {
            return isIdentStart(c) || isDigit(c) || c == '$';
        }

        private static boolean isDollarTagChar(char c) {
            return isIdentStart(c) || isDigit(c);
        }
    }
}
