package dev.strata.ops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultDataType;

/**
 * The one place SQL text is made: a jOOQ context for PostgreSQL that inlines every value and quotes an
 * identifier only when PostgreSQL would otherwise read it differently.
 */
final class Sql {

    // Names are quoted or not by Sql.name itself (quotedName / unquotedName), so jOOQ must keep that
    // choice: EXPLICIT_DEFAULT_UNQUOTED renders exactly what each Name says.
    static final DSLContext CTX = DSL.using(SQLDialect.POSTGRES, new Settings()
            .withParamType(ParamType.INLINED)
            .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
            .withRenderNameCase(RenderNameCase.AS_IS)
            .withRenderKeywordCase(RenderKeywordCase.UPPER)
            .withRenderFormatted(false));

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    /** PostgreSQL's reserved and type/function-name keywords: neither may be a bare table or column name. */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "when", "where", "window", "with",
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose");

    private static final int MAX_IDENTIFIER_BYTES = 63;

    private Sql() {}

    static String render(Query query) {
        return CTX.render(query);
    }

    static String render(QueryPart part) {
        return CTX.render(part);
    }

    /** A plain-SQL template whose arguments are jOOQ names and inlined values. */
    static String template(String template, QueryPart... parts) {
        return CTX.render(DSL.query(template, (Object[]) parts));
    }

    /**
     * A name as the caller wrote it: dot-separated parts, each taken literally (so {@code Users} is the
     * table {@code "Users"}); a part in double quotes may hold dots and doubled quotes.
     */
    static Name name(String written) {
        List<String> parts = parts(written);
        Name[] names = new Name[parts.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = identifier(parts.get(i));
        }
        return names.length == 1 ? names[0] : DSL.name(names);
    }

    /** One identifier that is never split on dots (a column, an index or constraint name). */
    static Name identifier(String part) {
        if (part == null || part.isEmpty()) {
            throw new IllegalArgumentException("an identifier must not be empty");
        }
        if (part.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            // PostgreSQL would silently truncate it, and later ops naming it in full would miss it.
            throw new IllegalArgumentException("identifier longer than 63 bytes: " + part);
        }
        return PLAIN.matcher(part).matches() && !RESERVED.contains(part) ? DSL.unquotedName(part) : DSL.quotedName(part);
    }

    /** The rendered text of {@link #name}, e.g. {@code metrics."Ping"}. */
    static String quoted(String written) {
        return render(name(written));
    }

    /** A string literal, quotes doubled: {@code 'O''Brien'}. */
    static String literal(String value) {
        return render(DSL.inline(value));
    }

    /**
     * A table as a {@code regclass} argument of a TimescaleDB function: the quoted name inside a literal,
     * because PostgreSQL parses the text as an identifier ({@code 'metrics."Ping"'}).
     */
    static Field<String> regclass(String table) {
        return DSL.inline(quoted(table));
    }

    /** The parts of a written name, unquoted. */
    static List<String> parts(String written) {
        if (written == null || written.isBlank()) {
            throw new IllegalArgumentException("a name must not be empty");
        }
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < written.length() && written.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    part.append(c);
                }
            } else if (c == '"' && part.length() == 0) {
                quoted = true;
                wasQuoted = true;
            } else if (c == '.') {
                parts.add(checked(part, wasQuoted, written));
                part.setLength(0);
                wasQuoted = false;
            } else {
                part.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote in name: " + written);
        }
        parts.add(checked(part, wasQuoted, written));
        if (parts.size() > 3) {
            throw new IllegalArgumentException("too many dots in name: " + written);
        }
        return parts;
    }

    private static String checked(StringBuilder part, boolean wasQuoted, String written) {
        if (part.length() == 0 || (!wasQuoted && !part.toString().strip().equals(part.toString()))) {
            throw new IllegalArgumentException("malformed name: '" + written + "'");
        }
        return part.toString();
    }

    /** The schema part of a written name, or {@code null}. */
    static String schemaOf(String written) {
        List<String> parts = parts(written);
        return parts.size() == 1 ? null : String.join(".", quotedAll(parts.subList(0, parts.size() - 1)));
    }

    /** The last part of a written name, unquoted. */
    static String lastPart(String written) {
        List<String> parts = parts(written);
        return parts.get(parts.size() - 1);
    }

    /** {@code bare} in the schema of {@code written}, in written form (e.g. {@code metrics.ix}). */
    static String sibling(String written, String bare) {
        String schema = schemaOf(written);
        String rendered = render(identifier(bare));
        return schema == null ? rendered : schema + "." + rendered;
    }

    private static List<String> quotedAll(List<String> parts) {
        return parts.stream().map(p -> render(identifier(p))).toList();
    }

    /** A type as written ({@code "numeric(10,2)"}, {@code "timestamptz"}), rendered verbatim. */
    static DataType<Object> type(String written) {
        if (written == null || written.isBlank()) {
            throw new IllegalArgumentException("a column type must not be empty");
        }
        return DefaultDataType.getDefaultDataType(SQLDialect.POSTGRES, written.strip());
    }

    @SuppressWarnings("unchecked")
    static DataType<Object> type(DataType<?> type) {
        // Defaults are attached as untyped fields (an inlined literal or a SQL expression), so the
        // column's Java type does not matter here.
        return (DataType<Object>) type;
    }

    /** The SQL name of a type, as PostgreSQL would read it after {@code TYPE} or in a cast. */
    static String typeName(DataType<?> type) {
        return type.getCastTypeName(CTX.configuration());
    }

    /** A value inlined as a literal of its own type ({@code 'O''Brien'}, {@code 42}, {@code TRUE}). */
    @SuppressWarnings("unchecked")
    static Field<Object> value(Object value) {
        return (Field<Object>) (Field<?>) DSL.inline(value);
    }

    /** A SQL expression the caller wrote, as an untyped field. */
    static Field<Object> expression(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("an expression must not be empty");
        }
        return DSL.field(sql.strip());
    }

    /** A SQL condition the caller wrote; jOOQ renders it as written, without extra parentheses. */
    static Condition condition(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("a condition must not be empty");
        }
        return DSL.condition(DSL.field(sql.strip(), Boolean.class));
    }
}
