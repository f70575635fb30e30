package dev.strata.catalog;

import dev.strata.schema.Catalog;
import dev.strata.schema.ContinuousAggregate;
import dev.strata.schema.Dependency;
import dev.strata.schema.Dependency.Kind;
import dev.strata.schema.Dependency.ObjectRef;
import dev.strata.schema.EnumType;
import dev.strata.schema.Function;
import dev.strata.schema.Hypertable;
import dev.strata.schema.Index;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Sequence;
import dev.strata.schema.Table;
import dev.strata.schema.Trigger;
import dev.strata.schema.View;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a live database into a {@link Catalog}: one set-based query per kind of object, run in one
 * read-only snapshot with {@code search_path} set to {@code pg_catalog} alone, so every name PostgreSQL
 * prints back (types, defaults, constraint, index and view text) is schema-qualified the same way
 * whatever the caller's search path, and with {@code IntervalStyle} {@code postgres}.
 */
public final class CatalogReader {

    private CatalogReader() {}

    /** Reads what the connection's database holds in the user's schemas, leaving out the tables in ignored (Strata's version and history tables). */
    public static Catalog read(Connection connection, Set<QualifiedName> ignored) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            return withSettings(connection, ignored);
        }
        connection.setAutoCommit(false);
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                s.execute("SET LOCAL search_path = pg_catalog");
                s.execute("SET LOCAL IntervalStyle = postgres");
            }
            return readAll(new Queries(connection), ignored);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /** Inside the caller's transaction: the settings changed for the session and put back afterwards. */
    private static Catalog withSettings(Connection connection, Set<QualifiedName> ignored) throws SQLException {
        Queries q = new Queries(connection);
        String path = q.list("SELECT current_setting('search_path')", rs -> rs.getString(1)).get(0);
        String style = q.list("SELECT current_setting('IntervalStyle')", rs -> rs.getString(1)).get(0);
        q.list("SELECT set_config('search_path', 'pg_catalog', false), set_config('IntervalStyle', 'postgres', false)",
                rs -> null);
        try {
            return readAll(q, ignored);
        } finally {
            try (var s = connection.prepareStatement(
                    "SELECT set_config('search_path', ?, false), set_config('IntervalStyle', ?, false)")) {
                s.setString(1, path);
                s.setString(2, style);
                s.execute();
            }
        }
    }

    private static Catalog readAll(Queries q, Set<QualifiedName> ignored) throws SQLException {
        List<String> schemas = Objects.schemas(q);
        Timescale timescale = Timescale.installed(q) ? Timescale.read(q) : Timescale.none();

        Relations relations = Relations.read(q, timescale.aggregateViews());
        List<Table> tables = relations.tables.stream().filter(t -> !ignored.contains(t.name())).toList();
        List<View> views = relations.views;
        List<Index> indexes = Indexes.read(q).stream()
                .filter(i -> !ignored.contains(i.table()) && !timescale.isDefaultIndex(i))
                .sorted(Comparator.comparing(Index::name)).toList();
        List<Sequence> sequences = Objects.sequences(q).stream()
                .filter(s -> s.ownedTable() == null || !ignored.contains(s.ownedTable()))
                .sorted(Comparator.comparing(Sequence::name)).toList();
        List<EnumType> enums = sorted(Objects.enums(q), Comparator.comparing(EnumType::name));
        List<Function> functions = sorted(Objects.functions(q),
                Comparator.comparing(Function::name).thenComparing(Function::arguments));
        List<Trigger> triggers = Objects.triggers(q).stream().filter(t -> !ignored.contains(t.table()))
                .sorted(Comparator.comparing(Trigger::table).thenComparing(Trigger::name)).toList();

        Set<String> userSchemas = new HashSet<>(schemas);
        Set<QualifiedName> gone = new HashSet<>(ignored);
        Set<Dependency> dependencies = new TreeSet<>(Dependencies.ORDER);
        for (Dependency d : Dependencies.read(q)) {
            if (userSchemas.contains(d.from().name().schema()) && userSchemas.contains(d.to().name().schema())
                    && !gone.contains(d.from().name()) && !gone.contains(d.to().name())) {
                dependencies.add(d);
                if (d.from().kind() == Kind.VIEW && d.to().kind() == Kind.COLUMN) {
                    // PostgreSQL records a view's use of a table per column only; the table itself is needed too.
                    dependencies.add(new Dependency(d.from(), ObjectRef.of(Kind.TABLE, d.to().name())));
                }
            }
        }
        for (Table t : tables) {
            if (t.partitionOf() != null) {
                dependencies.add(new Dependency(ObjectRef.of(Kind.TABLE, t.name()), ObjectRef.of(Kind.TABLE, t.partitionOf())));
            }
            for (var c : t.constraints()) {
                if (c.references() != null) {
                    dependencies.add(new Dependency(new ObjectRef(Kind.CONSTRAINT, t.name(), c.name()),
                            ObjectRef.of(Kind.TABLE, c.references())));
                }
            }
        }
        Set<QualifiedName> viewNames = new HashSet<>();
        views.forEach(v -> viewNames.add(v.name()));
        for (Index i : indexes) {
            Kind on = viewNames.contains(i.table()) ? Kind.VIEW : Kind.TABLE;
            dependencies.add(new Dependency(ObjectRef.of(Kind.INDEX, i.name()), ObjectRef.of(on, i.table())));
        }
        dependencies.addAll(timescale.dependencies());

        return new Catalog(schemas.stream().sorted().toList(), sorted(Objects.extensions(q), Comparator.comparing(dev.strata.schema.Extension::name)), tables, indexes, sequences,
                enums, views, functions, triggers,
                sorted(timescale.hypertables(), Comparator.comparing(Hypertable::table)),
                sorted(timescale.aggregates(), Comparator.comparing(ContinuousAggregate::name)),
                new ArrayList<>(dependencies));
    }

    private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
        return list.stream().sorted(order).toList();
    }
}
