package dev.strata.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jooq.CreateIndexIncludeStep;
import org.jooq.CreateIndexStep;
import org.jooq.CreateIndexWhereStep;
import org.jooq.OrderField;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * An index: {@code i -> i.columns("device_id").desc("time").where("deleted_at IS NULL")},
 * {@code i -> i.using("gin").expression("to_tsvector('english', body)").concurrently()}.
 */
public final class IndexDefinition {

    private static final Pattern METHOD = Pattern.compile("[a-z_][a-z0-9_]*");

    private record Element(String column, String expression, boolean descending) {}

    private final List<Element> elements = new ArrayList<>();
    private final List<String> include = new ArrayList<>();
    boolean unique;
    boolean concurrently;
    boolean ifNotExists;
    private String method;
    private String where;

    IndexDefinition() {}

    /** Columns, ascending, in order. */
    public IndexDefinition columns(String... columns) {
        for (String column : columns) {
            Sql.identifier(column);
            elements.add(new Element(column, null, false));
        }
        return this;
    }

    /** A column in descending order. */
    public IndexDefinition desc(String column) {
        Sql.identifier(column);
        elements.add(new Element(column, null, true));
        return this;
    }

    /** An expression in SQL, such as {@code "lower(email)"}; parenthesised when PostgreSQL needs it. */
    public IndexDefinition expression(String sql) {
        Sql.expression(sql);
        elements.add(new Element(null, sql.strip(), false));
        return this;
    }

    /** {@code CREATE UNIQUE INDEX}. */
    public IndexDefinition unique() {
        unique = true;
        return this;
    }

    /**
     * {@code CONCURRENTLY}: builds without blocking writes, and so cannot run in a transaction. Refused on
     * a table this migration made a hypertable: use {@code op.timescale().createHypertableIndex(..)}.
     */
    public IndexDefinition concurrently() {
        concurrently = true;
        return this;
    }

    /** {@code IF NOT EXISTS} (and {@code IF EXISTS} when the index is dropped by a downgrade). */
    public IndexDefinition ifNotExists() {
        ifNotExists = true;
        return this;
    }

    /** The index method: {@code gin}, {@code gist}, {@code brin}, {@code hash}, {@code btree}, ... */
    public IndexDefinition using(String method) {
        String m = method == null ? "" : method.strip().toLowerCase(Locale.ROOT);
        if (!METHOD.matcher(m).matches()) {
            throw new IllegalArgumentException("not an index method: " + method);
        }
        this.method = m;
        return this;
    }

    /** A partial index: the predicate in SQL. */
    public IndexDefinition where(String predicate) {
        Sql.condition(predicate);
        where = predicate.strip();
        return this;
    }

    /** Non-key columns stored in the index ({@code INCLUDE}). */
    public IndexDefinition include(String... columns) {
        for (String column : columns) {
            Sql.identifier(column);
            include.add(column);
        }
        return this;
    }

    String render(String name, String table, List<String> storageParameters) {
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("index " + name + " has no columns or expressions");
        }
        if (!concurrently && method == null && storageParameters.isEmpty()) {
            return Sql.render(jooq(name, table));
        }
        // jOOQ's open-source edition has no CONCURRENTLY, USING or WITH (..) for CREATE INDEX, so this
        // form is a template; names go through jOOQ, and the SQL fragments the caller wrote are kept as written.
        StringBuilder sql = new StringBuilder(unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
        if (concurrently) {
            sql.append("CONCURRENTLY ");
        }
        if (ifNotExists) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(Sql.render(Sql.identifier(name))).append(" ON ").append(Sql.quoted(table));
        sql.append(method == null ? "(" : " USING " + method + " (");
        sql.append(String.join(", ", elements.stream().map(IndexDefinition::element).toList())).append(')');
        if (!include.isEmpty()) {
            sql.append(" INCLUDE (").append(String.join(", ", include.stream().map(c -> Sql.render(Sql.identifier(c))).toList())).append(')');
        }
        if (!storageParameters.isEmpty()) {
            sql.append(" WITH (").append(String.join(", ", storageParameters)).append(')');
        }
        if (where != null) {
            sql.append(" WHERE ").append(where);
        }
        return sql.toString();
    }

    private Query jooq(String name, String table) {
        CreateIndexStep step = unique
                ? (ifNotExists ? Sql.CTX.createUniqueIndexIfNotExists(Sql.identifier(name)) : Sql.CTX.createUniqueIndex(Sql.identifier(name)))
                : (ifNotExists ? Sql.CTX.createIndexIfNotExists(Sql.identifier(name)) : Sql.CTX.createIndex(Sql.identifier(name)));
        List<OrderField<?>> fields = new ArrayList<>();
        for (Element e : elements) {
            if (e.column() != null) {
                fields.add(e.descending() ? DSL.field(Sql.identifier(e.column())).desc() : DSL.field(Sql.identifier(e.column())));
            } else {
                fields.add(Sql.expression(element(e)));
            }
        }
        CreateIndexIncludeStep on = step.on(DSL.table(Sql.name(table)), fields);
        CreateIndexWhereStep included = include.isEmpty()
                ? on
                : on.include(include.stream().map(c -> DSL.field(Sql.identifier(c))).toList());
        return where == null ? included : included.where(Sql.condition(where));
    }

    private static String element(Element e) {
        if (e.column() != null) {
            return Sql.render(Sql.identifier(e.column())) + (e.descending() ? " DESC" : "");
        }
        return isFunctionCall(e.expression()) ? e.expression() : "(" + e.expression() + ")";
    }

    /**
     * PostgreSQL takes a bare function call as an index element ({@code lower(email)}) but any other
     * expression only in parentheses ({@code (a + b)}).
     */
    static boolean isFunctionCall(String sql) {
        int open = sql.indexOf('(');
        if (open <= 0 || !sql.substring(0, open).strip().matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            return false;
        }
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i == sql.length() - 1;
            }
        }
        return false;
    }

    /** The statement that drops this index, which lives in its table's schema. */
    String renderDrop(String name, String table) {
        return dropStatement(Sql.sibling(table, name), concurrently, ifNotExists);
    }

    static String dropStatement(String qualifiedIndex, boolean concurrently, boolean ifExists) {
        // jOOQ renders dropIndex(schema.ix) without the schema (jOOQ #9869), and PostgreSQL would then look
        // for the index on the search path only: a template keeps the qualified name.
        return Sql.template("DROP INDEX " + (concurrently ? "CONCURRENTLY " : "") + (ifExists ? "IF EXISTS " : "") + "{0}",
                Sql.name(qualifiedIndex));
    }
}
