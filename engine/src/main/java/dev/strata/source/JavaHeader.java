package dev.strata.source;

import dev.strata.graph.Revision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The header of a Java migration, read from its source text without compiling it: the
 * {@code @Migration(...)} annotation on the file's public top-level class, and where that class is.
 * The graph is built from headers alone, so {@code heads} and {@code history} never start javac.
 *
 * <p>Only literals are read: string literals (escapes and Unicode escapes included), {@code {...}}
 * arrays of them, {@code true} and {@code false}. Anything javac would have to evaluate, such as a
 * constant reference or a concatenation, is refused with the line it is on.
 *
 * @param file        the {@code .java} file
 * @param packageName the package its {@code package} declaration names, or {@code ""} for none
 * @param className   the public top-level class, which is named after the file
 * @param line        the line of the {@code @Migration} annotation
 * @param revision    what the annotation declares; its origin is {@code file}'s path
 */
public record JavaHeader(Path file, String packageName, String className, int line, Revision revision) {

    private static final String ANNOTATION = "dev.strata.ops.Migration";

    public JavaHeader {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(revision, "revision");
    }

    /**
     * Reads {@code file} (strict UTF-8) and parses its header.
     *
     * @throws ScriptException when the file cannot be read, or its header is missing or not literal
     */
    public static JavaHeader read(Path file) {
        return parse(file, ScriptFiles.readText(file));
    }

    /**
     * Parses the header of {@code text}, the content of {@code file}.
     *
     * @throws ScriptException naming the line of the first problem
     */
    public static JavaHeader parse(Path file, String text) {
        return new Parser(file, Lexer.tokens(file, text)).parse();
    }

    /** The class name a migration in {@code file} must have: the file name without {@code .java}. */
    public static String className(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".java") ? name.substring(0, name.length() - 5) : name;
    }

    /** The binary name the class loads by: {@code package.Class}, or {@code Class} in no package. */
    public String binaryName() {
        return packageName.isEmpty() ? className : packageName + "." + className;
    }

    // ---- tokens -------------------------------------------------------------------------------

    enum Kind {
        IDENT, STRING, TEXT_BLOCK, CHAR, NUMBER, PUNCT
    }

    // One token; text is an identifier, a punctuation character, or a string literal's value.
    record Token(Kind kind, String text, int line) {
        boolean is(String punct) {
            return kind == Kind.PUNCT && text.equals(punct);
        }

        boolean isIdent(String word) {
            return kind == Kind.IDENT && text.equals(word);
        }

        String shown() {
            return switch (kind) {
                case STRING -> "\"" + text + "\"";
                case TEXT_BLOCK -> "a text block";
                case CHAR -> "a char literal";
                default -> "'" + text + "'";
            };
        }
    }

    // Java's lexical structure, as far as the top level of a file needs it: Unicode escapes first
    // (JLS 3.3), then comments, literals (so braces inside them do not count), words and punctuation.
    static final class Lexer {
        private final Path file;
        private final char[] c;
        private final int[] lineOf;
        private final int n;
        private int i;

        private Lexer(Path file, String raw) {
            this.file = file;
            this.c = new char[raw.length() + 1];
            this.lineOf = new int[raw.length() + 1];
            int len = 0;
            int line = 1;
            int backslashes = 0;
            for (int r = 0; r < raw.length(); r++) {
                char ch = raw.charAt(r);
                if (ch == '\\' && backslashes % 2 == 0 && r + 1 < raw.length() && raw.charAt(r + 1) == 'u') {
                    int h = r + 1;
                    while (h < raw.length() && raw.charAt(h) == 'u') {
                        h++;
                    }
                    if (h + 4 > raw.length() || !isHex(raw, h)) {
                        throw new ScriptException(file, line, "malformed Unicode escape");
                    }
                    c[len] = (char) Integer.parseInt(raw.substring(h, h + 4), 16);
                    lineOf[len++] = line;
                    r = h + 3;
                    backslashes = 0; // the escape's character never starts another escape
                    continue;
                }
                backslashes = ch == '\\' ? backslashes + 1 : 0;
                c[len] = ch;
                lineOf[len++] = line;
                if (ch == '\n' || (ch == '\r' && (r + 1 >= raw.length() || raw.charAt(r + 1) != '\n'))) {
                    line++;
                }
            }
            this.n = len;
            lineOf[len] = line;
        }

        private static boolean isHex(String s, int from) {
            for (int k = from; k < from + 4; k++) {
                if (Character.digit(s.charAt(k), 16) < 0) {
                    return false;
                }
            }
            return true;
        }

        static List<Token> tokens(Path file, String text) {
            Lexer lexer = new Lexer(file, text);
            List<Token> out = new ArrayList<>();
            Token t;
            while ((t = lexer.next()) != null) {
                out.add(t);
            }
            return out;
        }

        private Token next() {
            skipBlanksAndComments();
            if (i >= n) {
                return null;
            }
            int line = lineOf[i];
            char ch = c[i];
            if (Character.isJavaIdentifierStart(ch)) {
                int from = i;
                while (i < n && Character.isJavaIdentifierPart(c[i])) {
                    i++;
                }
                return new Token(Kind.IDENT, new String(c, from, i - from), line);
            }
            if (Character.isDigit(ch) || (ch == '.' && i + 1 < n && Character.isDigit(c[i + 1]))) {
                int from = i;
                while (i < n && (Character.isLetterOrDigit(c[i]) || c[i] == '_' || c[i] == '.'
                        || ((c[i] == '+' || c[i] == '-') && "eEpP".indexOf(c[i - 1]) >= 0))) {
                    i++;
                }
                return new Token(Kind.NUMBER, new String(c, from, i - from), line);
            }
            if (ch == '"' && i + 2 < n && c[i + 1] == '"' && c[i + 2] == '"') {
                skipTextBlock(line);
                return new Token(Kind.TEXT_BLOCK, "", line);
            }
            if (ch == '"' || ch == '\'') {
                return new Token(ch == '"' ? Kind.STRING : Kind.CHAR, quoted(ch, line), line);
            }
            i++;
            return new Token(Kind.PUNCT, String.valueOf(ch), line);
        }

        private void skipBlanksAndComments() {
            while (i < n) {
                char ch = c[i];
                if (ch == ' ' || ch == '\t' || ch == '\f' || ch == '\n' || ch == '\r') {
                    i++;
                } else if (ch == '/' && i + 1 < n && c[i + 1] == '/') {
                    while (i < n && c[i] != '\n' && c[i] != '\r') {
                        i++;
                    }
                } else if (ch == '/' && i + 1 < n && c[i + 1] == '*') {
                    int line = lineOf[i];
                    i += 2;
                    while (i < n && !(c[i] == '*' && i + 1 < n && c[i + 1] == '/')) {
                        i++;
                    }
                    if (i >= n) {
                        throw new ScriptException(file, line, "comment '/*' is never closed");
                    }
                    i += 2;
                } else {
                    return;
                }
            }
        }

        private void skipTextBlock(int line) {
            i += 3;
            while (i < n) {
                if (c[i] == '\\') {
                    i += 2;
                } else if (c[i] == '"' && i + 2 < n && c[i + 1] == '"' && c[i + 2] == '"') {
                    i += 3;
                    return;
                } else {
                    i++;
                }
            }
            throw new ScriptException(file, line, "text block is never closed");
        }

        // A string or char literal's value, escapes decoded (JLS 3.10.7).
        private String quoted(char quote, int line) {
            StringBuilder out = new StringBuilder();
            i++;
            while (true) {
                if (i >= n || c[i] == '\n' || c[i] == '\r') {
                    throw new ScriptException(file, line, (quote == '"' ? "string" : "char") + " literal is never closed");
                }
                char ch = c[i++];
                if (ch == quote) {
                    return out.toString();
                }
                if (ch != '\\') {
                    out.append(ch);
                    continue;
                }
                char e = i < n ? c[i++] : ' ';
                switch (e) {
                    case 'b' -> out.append('\b');
                    case 't' -> out.append('\t');
                    case 'n' -> out.append('\n');
                    case 'f' -> out.append('\f');
                    case 'r' -> out.append('\r');
                    case 's' -> out.append(' ');
                    case '"', '\'', '\\' -> out.append(e);
                    default -> {
                        if (e < '0' || e > '7') {
                            throw new ScriptException(file, lineOf[i - 1], "invalid escape '\\" + e + "' in a literal");
                        }
                        // Octal: up to three digits, the first at most 3 when there are three.
                        int value = e - '0';
                        int max = e <= '3' ? 2 : 1;
                        for (int k = 0; k < max && i < n && c[i] >= '0' && c[i] <= '7'; k++) {
                            value = value * 8 + (c[i++] - '0');
                        }
                        out.append((char) value);
                    }
                }
            }
        }
    }

    // ---- the top level of a compilation unit ---------------------------------------------------

    // An annotation as written: its name and, for @Migration, the tokens between its parentheses.
    private record Annotation(String name, int line, List<Token> args) {}

    // A top-level type declaration.
    private record Declaration(String keyword, String name, boolean isPublic, int line, List<Annotation> annotations) {}

    private enum Type {
        STRING, STRINGS, BOOLEAN
    }

    private static final Map<String, Type> MEMBERS = members();

    private static Map<String, Type> members() {
        Map<String, Type> m = new LinkedHashMap<>();
        m.put("revision", Type.STRING);
        m.put("downRevision", Type.STRINGS);
        m.put("branchLabels", Type.STRINGS);
        m.put("dependsOn", Type.STRINGS);
        m.put("message", Type.STRING);
        m.put("createDate", Type.STRING);
        m.put("transactional", Type.BOOLEAN);
        return m;
    }

    private static final List<String> MODIFIERS = List.of(
            "public", "protected", "private", "abstract", "static", "final", "sealed", "strictfp");

    private static final class Parser {
        private final Path file;
        private final List<Token> t;
        private int p;
        private String packageName = "";
        private String foreignImport;
        private int foreignImportLine;

        Parser(Path file, List<Token> tokens) {
            this.file = file;
            this.t = tokens;
        }

        JavaHeader parse() {
            List<Declaration> declarations = new ArrayList<>();
            List<Annotation> pending = new ArrayList<>();
            boolean isPublic = false;
            while (p < t.size()) {
                Token tok = t.get(p);
                if (tok.is("@") && !(p + 1 < t.size() && t.get(p + 1).isIdent("interface"))) {
                    p++;
                    pending.add(annotation(tok.line()));
                } else if (tok.isIdent("package")) {
                    p++;
                    packageName = qualifiedName();
                    expect(";");
                    pending.clear();
                } else if (tok.isIdent("import")) {
                    importDeclaration();
                } else if (tok.is(";")) {
                    p++;
                } else if (tok.kind() == Kind.IDENT && MODIFIERS.contains(tok.text())) {
                    isPublic |= tok.text().equals("public");
                    p++;
                } else if (tok.isIdent("non") && p + 2 < t.size() && t.get(p + 1).is("-") && t.get(p + 2).isIdent("sealed")) {
                    p += 3;
                } else if (tok.is("@") || (tok.kind() == Kind.IDENT && List.of("class", "interface", "enum", "record").contains(tok.text()))) {
                    String keyword = tok.is("@") ? "@interface" : tok.text();
                    p += tok.is("@") ? 2 : 1;
                    Token name = next("a type name");
                    if (name.kind() != Kind.IDENT) {
                        throw unexpected(name, "a type name");
                    }
                    declarations.add(new Declaration(keyword, name.text(), isPublic, tok.line(), List.copyOf(pending)));
                    skipBody();
                    pending.clear();
                    isPublic = false;
                } else {
                    throw unexpected(tok, "a package, import or type declaration");
                }
            }
            return header(declarations);
        }

        private JavaHeader header(List<Declaration> declarations) {
            String expected = className(file);
            Annotation migration = null;
            Declaration annotated = null;
            for (Declaration d : declarations) {
                for (Annotation a : d.annotations()) {
                    if (!isMigration(a.name())) {
                        continue;
                    }
                    if (migration != null) {
                        throw new ScriptException(file, a.line(), "@Migration given twice (first on line " + migration.line() + ")");
                    }
                    migration = a;
                    annotated = d;
                }
            }
            Declaration main = declarations.stream().filter(Declaration::isPublic).findFirst().orElse(null);
            if (main == null) {
                throw new ScriptException(file, declarations.isEmpty() ? 0 : declarations.get(0).line(),
                        "no public top-level class: a Java migration is one public class named after its file, " + expected);
            }
            if (!main.name().equals(expected)) {
                throw new ScriptException(file, main.line(), "public " + main.keyword() + " " + main.name()
                        + " must be named after its file: " + expected);
            }
            if (!main.keyword().equals("class")) {
                throw new ScriptException(file, main.line(), expected + " must be a class, not " + article(main.keyword()));
            }
            if (migration == null) {
                throw new ScriptException(file, main.line(), "class " + expected + " has no @Migration annotation");
            }
            if (annotated != main) {
                throw new ScriptException(file, migration.line(), "@Migration is on " + annotated.name()
                        + ", but the file's public class is " + expected);
            }
            if (foreignImport != null && migration.name().equals("Migration")) {
                throw new ScriptException(file, foreignImportLine, "@Migration here is " + foreignImport
                        + ", not " + ANNOTATION);
            }
            return new JavaHeader(file, packageName, expected, migration.line(), revision(migration));
        }

        private static String article(String keyword) {
            return (keyword.startsWith("e") || keyword.startsWith("i") ? "an " : "a ") + keyword;
        }

        private static boolean isMigration(String name) {
            return name.equals("Migration") || name.equals(ANNOTATION);
        }

        private void importDeclaration() {
            int line = t.get(p).line();
            p++;
            boolean isStatic = p < t.size() && t.get(p).isIdent("static");
            if (isStatic) {
                p++;
            }
            String name = qualifiedName();
            if (p < t.size() && t.get(p).is(".")) {
                p++;
                expect("*");
            } else if (!isStatic && name.endsWith(".Migration") && !name.equals(ANNOTATION)) {
                foreignImport = name;
                foreignImportLine = line;
            }
            expect(";");
        }

        private Annotation annotation(int line) {
            String name = qualifiedName();
            List<Token> args = List.of();
            if (p < t.size() && t.get(p).is("(")) {
                int from = ++p;
                int depth = 1;
                while (depth > 0) {
                    Token tok = next("')'");
                    depth += tok.is("(") ? 1 : tok.is(")") ? -1 : 0;
                }
                args = t.subList(from, p - 1);
            }
            return new Annotation(name, line, args);
        }

        private String qualifiedName() {
            StringBuilder name = new StringBuilder();
            while (true) {
                Token part = next("a name");
                if (part.kind() != Kind.IDENT) {
                    throw unexpected(part, "a name");
                }
                name.append(part.text());
                // "a.b.*" stops before ".*" for the import to see.
                if (p + 1 < t.size() && t.get(p).is(".") && t.get(p + 1).kind() == Kind.IDENT) {
                    name.append('.');
                    p++;
                } else {
                    return name.toString();
                }
            }
        }

        // From after a type's name to past its closing brace; braces in literals are tokens of their own.
        private void skipBody() {
            int parens = 0;
            while (true) {
                Token tok = next("'{'");
                if (tok.is("(")) {
                    parens++;
                } else if (tok.is(")")) {
                    parens--;
                } else if (tok.is("{") && parens == 0) {
                    break;
                }
            }
            int line = t.get(p - 1).line();
            int depth = 1;
            while (depth > 0) {
                if (p >= t.size()) {
                    throw new ScriptException(file, line, "'{' is never closed");
                }
                Token tok = t.get(p++);
                depth += tok.is("{") ? 1 : tok.is("}") ? -1 : 0;
            }
        }

        private Token next(String expected) {
            if (p >= t.size()) {
                int line = t.isEmpty() ? 0 : t.get(t.size() - 1).line();
                throw new ScriptException(file, line, "file ends where " + expected + " was expected");
            }
            return t.get(p++);
        }

        private void expect(String punct) {
            Token tok = next("'" + punct + "'");
            if (!tok.is(punct)) {
                throw unexpected(tok, "'" + punct + "'");
            }
        }

        private ScriptException unexpected(Token tok, String expected) {
            return new ScriptException(file, tok.line(), "expected " + expected + ", found " + tok.shown());
        }

        // ---- @Migration's members ----

        private Revision revision(Annotation a) {
            Map<String, List<Token>> values = new LinkedHashMap<>();
            Map<String, Integer> lines = new LinkedHashMap<>();
            List<Token> args = a.args();
            int k = 0;
            while (k < args.size()) {
                Token member = args.get(k);
                if (member.kind() != Kind.IDENT || k + 1 >= args.size() || !args.get(k + 1).is("=")) {
                    throw new ScriptException(file, member.line(),
                            "@Migration takes named members, as in revision = \"...\"; found " + member.shown());
                }
                Type type = MEMBERS.get(member.text());
                if (type == null) {
                    throw new ScriptException(file, member.line(), "unknown @Migration member '" + member.text()
                            + "' (known: " + String.join(", ", MEMBERS.keySet()) + ")");
                }
                if (lines.containsKey(member.text())) {
                    throw new ScriptException(file, member.line(), "@Migration member '" + member.text()
                            + "' given twice (first on line " + lines.get(member.text()) + ")");
                }
                lines.put(member.text(), member.line());
                k += 2;
                List<Token> literals = new ArrayList<>();
                k = value(member.text(), type, args, k, literals);
                values.put(member.text(), literals);
                if (k < args.size()) {
                    Token sep = args.get(k);
                    if (!sep.is(",")) {
                        throw notLiteral(member.text(), type, sep);
                    }
                    k++;
                    if (k >= args.size()) {
                        throw new ScriptException(file, sep.line(), "@Migration has a ',' after its last member");
                    }
                }
            }
            List<Token> revision = values.get("revision");
            if (revision == null) {
                throw new ScriptException(file, a.line(), "@Migration has no revision = \"...\"");
            }
            String id = revision.get(0).text();
            checkIds("revision", revision);
            List<String> down = checkIds("downRevision", values.getOrDefault("downRevision", List.of()));
            List<String> depends = checkIds("dependsOn", values.getOrDefault("dependsOn", List.of()));
            List<String> labels = texts(values.getOrDefault("branchLabels", List.of()));
            String message = values.containsKey("message") ? values.get("message").get(0).text() : "";
            String date = values.containsKey("createDate") ? values.get("createDate").get(0).text() : "";
            boolean transactional = !values.containsKey("transactional") || values.get("transactional").get(0).text().equals("true");
            return new Revision(id, down, labels, depends, message, date.isEmpty() ? null : date, transactional, file.toString());
        }

        // Reads one member's value from args[k]; returns the index after it.
        private int value(String member, Type type, List<Token> args, int k, List<Token> out) {
            if (k >= args.size()) {
                throw new ScriptException(file, args.get(k - 1).line(), "@Migration member '" + member + "' has no value");
            }
            Token v = args.get(k);
            switch (type) {
                case BOOLEAN -> {
                    if (!v.isIdent("true") && !v.isIdent("false")) {
                        throw notLiteral(member, type, v);
                    }
                    out.add(v);
                    return k + 1;
                }
                case STRING -> {
                    if (v.kind() != Kind.STRING) {
                        throw notLiteral(member, type, v);
                    }
                    out.add(v);
                    return k + 1;
                }
                default -> {
                    if (v.kind() == Kind.STRING) {
                        out.add(v);
                        return k + 1;
                    }
                    if (!v.is("{")) {
                        throw notLiteral(member, type, v);
                    }
                    k++;
                    while (k < args.size() && !args.get(k).is("}")) {
                        Token item = args.get(k);
                        if (item.kind() != Kind.STRING) {
                            throw notLiteral(member, type, item);
                        }
                        out.add(item);
                        k++;
                        if (k < args.size() && args.get(k).is(",")) {
                            k++;
                        } else if (k < args.size() && !args.get(k).is("}")) {
                            throw notLiteral(member, type, args.get(k));
                        }
                    }
                    if (k >= args.size()) {
                        throw new ScriptException(file, v.line(), "'{' of @Migration member '" + member + "' is never closed");
                    }
                    return k + 1;
                }
            }
        }

        private ScriptException notLiteral(String member, Type type, Token found) {
            String wanted = switch (type) {
                case STRING -> "a string literal";
                case STRINGS -> "a string literal or {\"...\", ...}";
                case BOOLEAN -> "true or false";
            };
            String what;
            if (found.is("+")) {
                what = "a concatenation";
            } else if (found.kind() == Kind.IDENT && !found.text().equals("true") && !found.text().equals("false")) {
                what = "a constant reference (" + found.text() + ")";
            } else {
                what = found.shown();
            }
            return new ScriptException(file, found.line(), "@Migration member '" + member + "' must be " + wanted
                    + ", not " + what + ": Strata reads @Migration without compiling");
        }

        private List<String> checkIds(String member, List<Token> ids) {
            for (Token id : ids) {
                if (!Revision.isValidId(id.text())) {
                    throw new ScriptException(file, id.line(), "invalid revision id \"" + id.text() + "\" in " + member
                            + " (ids use letters, digits, '_' and '.'" + (id.text().isEmpty() && member.equals("downRevision")
                                    ? "; a root has downRevision = {}" : "") + ")");
                }
            }
            return texts(ids);
        }

        private static List<String> texts(List<Token> tokens) {
            return tokens.stream().map(Token::text).toList();
        }
    }
}
