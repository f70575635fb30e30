package dev.strata.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jooq.AlterTableFinalStep;
import org.jooq.DataType;
import org.jooq.Name;
import org.jooq.impl.DSL;

/**
 * Records schema operations as data for a {@link JavaMigration}. Nothing connects: every method adds
 * an {@link Op} (with the line of the migration that asked for it) to the recording, which Strata
 * renders and runs, or prints for {@code --sql}.
 *
 * <p>Names are taken as written and may be schema-qualified ({@code "metrics.ping_results"}); a plain
 * lower-case name stays bare in the SQL, any other is double-quoted ({@code Users} is {@code "Users"}).
 * Values are inlined as literals. Types are written as PostgreSQL reads them ({@code "timestamptz"},
 * {@code "numeric(10,2)"}) or given as jOOQ types ({@code SQLDataType.BIGINT}). Name a table the same way
 * in every op of a migration: that is how a downgrade knows the ops on a table the migration created.
 */
public final class Ops {

    /** An op and the line of the migration source that recorded it (0 when unknown). */
    public record Recorded(Op op, int line) {}

    private final List<Recorded> recorded = new ArrayList<>();
    private final Set<String> hypertables = new HashSet<>();
    private final TimescaleOps timescale = new TimescaleOps(this);

    /** The ops recorded so far, in order. */
    public List<Recorded> recorded() {
        return Collections.unmodifiableList(recorded);
    }

    /** Records {@code op}. */
    public Ops add(Op op) {
        recorded.add(new Recorded(op, callerLine()));
        return this;
    }

    /** The TimescaleDB operations, recording into this same {@code Ops}. */
    public TimescaleOps timescale() {
        return timescale;
    }

    /** Records one statement of raw SQL; it has no inverse unless one is given. */
    public Ops execute(String sql) {
        return add(RawSql.of(sql));
    }

    /** Records one statement of raw SQL whose downgrade is {@code inverseSql}. */
    public Ops execute(String sql, String inverseSql) {
        return add(RawSql.of(sql, inverseSql));
    }

    /**
     * Records the inverse of what {@code upgrade} records, last op first.
     *
     * @throws IrreversibleException naming the first op (from the end) that has no inverse
     */
    public Ops undo(Consumer<Ops> upgrade) {
        Ops forward = new Ops();
        upgrade.accept(forward);
        recorded.addAll(Downgrades.invert(forward.recorded()));
        return this;
    }

    // ---- tables ----

    /**
     * {@code CREATE TABLE}; undone by {@code DROP TABLE}, which also undoes every later op of the same
     * migration on this table.
     */
    public Ops createTable(String table, Consumer<TableDefinition> definition) {
        return add(createTableOp(table, definition));
    }

    /**
     * {@code DROP TABLE}. It has no inverse: the rows are gone. Use {@link #dropTable(String, Consumer)}
     * to let a downgrade recreate the table, empty.
     */
    public Ops dropTable(String table) {
        return add(SqlOp.onTable("drop_table " + table, table,
                Inverse.none("the table's definition is unknown; give it as dropTable(table, t -> ..) to recreate it (empty) on downgrade"),
                Sql.render(Sql.CTX.dropTable(Sql.name(table)))).survivesTable());
    }

    /** {@code DROP TABLE}, undone by recreating the table from {@code definition}, without its rows. */
    public Ops dropTable(String table, Consumer<TableDefinition> definition) {
        return add(SqlOp.onTable("drop_table " + table, table, Inverse.of(createTableOp(table, definition)),
                Sql.render(Sql.CTX.dropTable(Sql.name(table)))).survivesTable());
    }

    /** {@code ALTER TABLE .. RENAME TO}; {@code newName} is unqualified (the table keeps its schema). */
    public Ops renameTable(String table, String newName) {
        return add(renameTableOp(table, newName, true));
    }

    private static Op createTableOp(String table, Consumer<TableDefinition> definition) {
        TableDefinition t = new TableDefinition();
        definition.accept(t);
        SqlOp drop = SqlOp.onTable("drop_table " + table, table, Inverse.none("undoes create_table " + table),
                Sql.render(Sql.CTX.dropTable(Sql.name(table))));
        return new CreatedTable(SqlOp.onTable("create_table " + table, table, Inverse.of(drop), t.render(table)).survivesTable());
    }

    private static Op renameTableOp(String table, String newName, boolean withInverse) {
        if (Sql.parts(newName).size() != 1) {
            throw new IllegalArgumentException("rename_table " + table + ": the new name '" + newName
                    + "' must be unqualified; ALTER TABLE .. SET SCHEMA moves a table to another schema");
        }
        String renamed = Sql.sibling(table, newName);
        Inverse inverse = withInverse
                ? Inverse.of(renameTableOp(renamed, Sql.lastPart(table), false))
                : Inverse.none("undoes a rename");
        SqlOp op = SqlOp.onTable("rename_table " + table + " to " + newName, table, inverse,
                Sql.render(Sql.CTX.alterTable(Sql.name(table)).renameTo(Sql.identifier(newName)))).survivesTable();
        return new RenamedTable(op, renamed);
    }

    // ---- columns ----

    /** {@code ALTER TABLE .. ADD column type}; undone by dropping the column. */
    public Ops addColumn(String table, String column, String type) {
        return addColumn(table, column, type, c -> {});
    }

    public Ops addColumn(String table, String column, String type, Consumer<ColumnDefinition> definition) {
        return add(addColumnOp(table, column(column, type, definition)));
    }

    /** As {@link #addColumn(String, String, String)}, with a jOOQ type such as {@code SQLDataType.BIGINT}. */
    public Ops addColumn(String table, String column, DataType<?> type) {
        return addColumn(table, column, type, c -> {});
    }

    public Ops addColumn(String table, String column, DataType<?> type, Consumer<ColumnDefinition> definition) {
        return add(addColumnOp(table, column(column, type, definition)));
    }

    /** {@code ALTER TABLE .. DROP column}. No inverse: give the column's definition to have one. */
    public Ops dropColumn(String table, String column) {
        return add(SqlOp.onTable("drop_column " + table + "." + column, table,
                Inverse.none("the column's type is unknown; give it as dropColumn(table, column, type, c -> ..) to re-add it (empty) on downgrade"),
                dropColumnSql(table, column)));
    }

    /** {@code ALTER TABLE .. DROP column}, undone by adding the column back (its values are gone). */
    public Ops dropColumn(String table, String column, String type, Consumer<ColumnDefinition> definition) {
        return add(SqlOp.onTable("drop_column " + table + "." + column, table,
                Inverse.of(addColumnOp(table, column(column, type, definition))), dropColumnSql(table, column)));
    }

    public Ops dropColumn(String table, String column, DataType<?> type, Consumer<ColumnDefinition> definition) {
        return add(SqlOp.onTable("drop_column " + table + "." + column, table,
                Inverse.of(addColumnOp(table, column(column, type, definition))), dropColumnSql(table, column)));
    }

    /** {@code ALTER TABLE .. RENAME COLUMN}; undone by renaming it back. */
    public Ops renameColumn(String table, String column, String newName) {
        String describe = "rename_column " + table + "." + column + " to " + newName;
        SqlOp back = SqlOp.onTable("rename_column " + table + "." + newName + " to " + column, table,
                Inverse.none("undoes " + describe), renameColumnSql(table, newName, column));
        return add(SqlOp.onTable(describe, table, Inverse.of(back), renameColumnSql(table, column, newName)));
    }

    /**
     * Alters a column: type (with {@code USING}), {@code NOT NULL}, default. Reversible when each change's
     * previous state is given: {@code c -> c.type("bigint").previousType("integer")}.
     */
    public Ops alterColumn(String table, String column, Consumer<ColumnChange> change) {
        ColumnChange c = new ColumnChange();
        change.accept(c);
        String describe = "alter_column " + table + "." + column;
        return add(SqlOp.onTable(describe, table, c.inverse(table, column, "undo " + describe),
                c.statements(table, column).toArray(String[]::new)));
    }

    private static ColumnDefinition column(String column, String type, Consumer<ColumnDefinition> definition) {
        ColumnDefinition c = new ColumnDefinition(column, type);
        definition.accept(c);
        return c;
    }

    private static ColumnDefinition column(String column, DataType<?> type, Consumer<ColumnDefinition> definition) {
        ColumnDefinition c = new ColumnDefinition(column, type);
        definition.accept(c);
        return c;
    }

    private static SqlOp addColumnOp(String table, ColumnDefinition column) {
        List<String> statements = new ArrayList<>();
        statements.add(Sql.render(Sql.CTX.alterTable(Sql.name(table)).addColumn(Sql.identifier(column.name), column.dataType())));
        // jOOQ puts column constraints of ALTER TABLE .. ADD nowhere; PostgreSQL names these the same
        // as an inline constraint would be named.
        if (column.primaryKey) {
            statements.add(Sql.render(Sql.CTX.alterTable(Sql.name(table)).add(DSL.primaryKey(Sql.identifier(column.name)))));
        }
        if (column.unique) {
            statements.add(Sql.render(Sql.CTX.alterTable(Sql.name(table)).add(DSL.unique(Sql.identifier(column.name)))));
        }
        String describe = "add_column " + table + "." + column.name;
        SqlOp drop = SqlOp.onTable("drop_column " + table + "." + column.name, table, Inverse.none("undoes " + describe),
                dropColumnSql(table, column.name));
        return SqlOp.onTable(describe, table, Inverse.of(drop), statements.toArray(String[]::new));
    }

    private static String dropColumnSql(String table, String column) {
        return Sql.render(Sql.CTX.alterTable(Sql.name(table)).dropColumn(Sql.identifier(column)));
    }

    private static String renameColumnSql(String table, String column, String newName) {
        return Sql.render(Sql.CTX.alterTable(Sql.name(table)).renameColumn(Sql.identifier(column)).to(Sql.identifier(newName)));
    }

    // ---- constraints ----

    /** {@code ADD CONSTRAINT name PRIMARY KEY (..)}; undone by dropping the constraint. */
    public Ops addPrimaryKey(String name, String table, String... columns) {
        return add(constraintOp("add_primary_key", name, table, primaryKeySql(name, table, columns), true));
    }

    /**
     * {@code DROP CONSTRAINT name} of a primary key (PostgreSQL's default name is {@code <table>_pkey}).
     * No inverse; {@link #dropPrimaryKey(String, String, String...)} with the columns has one.
     */
    public Ops dropPrimaryKey(String name, String table) {
        return add(dropConstraintOp("drop_primary_key", name, table, null));
    }

    /** {@code DROP CONSTRAINT name} of a primary key over {@code columns}; undone by adding it back. */
    public Ops dropPrimaryKey(String name, String table, String... columns) {
        return add(dropConstraintOp("drop_primary_key", name, table, columns.length == 0 ? null : primaryKeySql(name, table, columns)));
    }

    /** {@code ADD CONSTRAINT name UNIQUE (..)}; undone by dropping it. */
    public Ops addUnique(String name, String table, String... columns) {
        return add(constraintOp("add_unique", name, table, uniqueSql(name, table, columns), true));
    }

    /** {@code DROP CONSTRAINT name} of a unique constraint; undone by adding it back over {@code columns}, if given. */
    public Ops dropUnique(String name, String table, String... columns) {
        return add(dropConstraintOp("drop_unique", name, table, columns.length == 0 ? null : uniqueSql(name, table, columns)));
    }

    /** {@code ADD CONSTRAINT name CHECK (condition)}; undone by dropping it. */
    public Ops addCheck(String name, String table, String condition) {
        return add(constraintOp("add_check", name, table, checkSql(name, table, condition), true));
    }

    /** {@code DROP CONSTRAINT name} of a check constraint; undone by adding it back with {@code condition}. */
    public Ops dropCheck(String name, String table, String condition) {
        return add(dropConstraintOp("drop_check", name, table, checkSql(name, table, condition)));
    }

    /** {@code ADD CONSTRAINT name FOREIGN KEY (..) REFERENCES ..}; undone by dropping it. */
    public Ops addForeignKey(String name, String table, Consumer<ForeignKeyDefinition> definition) {
        return add(constraintOp("add_foreign_key", name, table, foreignKeySql(name, table, definition), true));
    }

    /** {@code DROP CONSTRAINT name} of a foreign key; no inverse. */
    public Ops dropForeignKey(String name, String table) {
        return add(dropConstraintOp("drop_foreign_key", name, table, null));
    }

    /** {@code DROP CONSTRAINT name} of a foreign key; undone by adding it back from {@code definition}. */
    public Ops dropForeignKey(String name, String table, Consumer<ForeignKeyDefinition> definition) {
        return add(dropConstraintOp("drop_foreign_key", name, table, foreignKeySql(name, table, definition)));
    }

    /** {@code DROP CONSTRAINT name} of any kind; no inverse. */
    public Ops dropConstraint(String name, String table) {
        return add(dropConstraintOp("drop_constraint", name, table, null));
    }

    private static String primaryKeySql(String name, String table, String... columns) {
        requireColumns(name, columns);
        return alterAdd(table, DSL.constraint(Sql.identifier(name)).primaryKey(ForeignKeyDefinition.names(List.of(columns))));
    }

    private static String uniqueSql(String name, String table, String... columns) {
        requireColumns(name, columns);
        return alterAdd(table, DSL.constraint(Sql.identifier(name)).unique(ForeignKeyDefinition.names(List.of(columns))));
    }

    private static String checkSql(String name, String table, String condition) {
        return alterAdd(table, DSL.constraint(Sql.identifier(name)).check(Sql.condition(condition)));
    }

    private static String foreignKeySql(String name, String table, Consumer<ForeignKeyDefinition> definition) {
        ForeignKeyDefinition fk = new ForeignKeyDefinition();
        definition.accept(fk);
        return alterAdd(table, fk.constraint(name));
    }

    private static String alterAdd(String table, org.jooq.Constraint constraint) {
        AlterTableFinalStep add = Sql.CTX.alterTable(Sql.name(table)).add(constraint);
        return Sql.render(add);
    }

    private static void requireColumns(String name, String[] columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("constraint " + name + " has no columns");
        }
    }

    private static SqlOp constraintOp(String kind, String name, String table, String addSql, boolean reversible) {
        String describe = kind + " " + name + " on " + table;
        SqlOp drop = SqlOp.onTable("drop_constraint " + name + " on " + table, table, Inverse.none("undoes " + describe),
                dropConstraintSql(name, table));
        return SqlOp.onTable(describe, table, reversible ? Inverse.of(drop) : Inverse.none(describe), addSql);
    }

    private static SqlOp dropConstraintOp(String kind, String name, String table, String addSql) {
        String describe = kind + " " + name + " on " + table;
        Inverse inverse = addSql == null
                ? Inverse.none("the constraint's definition is unknown; give it to " + kind + "(..) to re-add it on downgrade")
                : Inverse.of(SqlOp.onTable("add_constraint " + name + " on " + table, table, Inverse.none("undoes " + describe), addSql));
        return SqlOp.onTable(describe, table, inverse, dropConstraintSql(name, table));
    }

    private static String dropConstraintSql(String name, String table) {
        // Not jOOQ's dropPrimaryKey(): it renders MySQL's DROP PRIMARY KEY; PostgreSQL drops every
        // constraint, a primary key included, by name.
        return Sql.render(Sql.CTX.alterTable(Sql.name(table)).dropConstraint(Sql.identifier(name)));
    }

    // ---- indexes ----

    /** {@code CREATE INDEX name ON table(columns)}; undone by {@code DROP INDEX schema.name}. */
    public Ops createIndex(String name, String table, String... columns) {
        return createIndex(name, table, i -> i.columns(columns));
    }

    /**
     * {@code CREATE INDEX} with options: unique, partial, method, expressions, {@code INCLUDE},
     * {@code IF NOT EXISTS}, {@code CONCURRENTLY} (which runs outside a transaction, as its undo does).
     *
     * @throws IllegalStateException for {@code CONCURRENTLY} on a table this migration made a
     *     hypertable, which TimescaleDB refuses; {@link TimescaleOps#createHypertableIndex} is the way there
     */
    public Ops createIndex(String name, String table, Consumer<IndexDefinition> definition) {
        IndexDefinition index = new IndexDefinition();
        definition.accept(index);
        if (index.concurrently && hypertables.contains(table)) {
            throw new IllegalStateException("create_index " + name + " on " + table + " (line " + callerLine()
                    + "): TimescaleDB cannot CREATE INDEX CONCURRENTLY on a hypertable, and " + table
                    + " became one earlier in this migration; use op.timescale().createHypertableIndex(..), which builds the index one chunk per transaction");
        }
        return add(createIndexOp(name, table, index));
    }

    /** {@code DROP INDEX name}; {@code name} is schema-qualified unless on the search path. No inverse. */
    public Ops dropIndex(String name) {
        return add(SqlOp.standalone("drop_index " + name,
                Inverse.none("the index's definition is unknown; give it as dropIndex(name, table, i -> ..) to recreate it on downgrade"),
                IndexDefinition.dropStatement(name, false, false)));
    }

    /** {@code DROP INDEX CONCURRENTLY name}, outside a transaction. No inverse. */
    public Ops dropIndexConcurrently(String name) {
        return add(SqlOp.standalone("drop_index " + name,
                Inverse.none("the index's definition is unknown; give it as dropIndex(name, table, i -> ..) to recreate it on downgrade"),
                IndexDefinition.dropStatement(name, true, false)).nonTransactional());
    }

    /**
     * {@code DROP INDEX schema.name} of an index on {@code table}, undone by recreating it from
     * {@code definition}; its {@code concurrently()} applies to both, {@code ifNotExists()} makes the drop
     * {@code IF EXISTS}.
     */
    public Ops dropIndex(String name, String table, Consumer<IndexDefinition> definition) {
        IndexDefinition index = new IndexDefinition();
        definition.accept(index);
        SqlOp create = createIndexOp(name, table, index);
        SqlOp drop = new SqlOp("drop_index " + name + " on " + table, List.of(index.renderDrop(name, table)),
                !index.concurrently, null, table, true, Inverse.of(create.withInverse(Inverse.none("undoes a drop"))));
        return add(drop);
    }

    private static SqlOp createIndexOp(String name, String table, IndexDefinition index) {
        return indexOp(name, table, index, index.render(name, table, List.of()), !index.concurrently, null);
    }

    static SqlOp indexOp(String name, String table, IndexDefinition index, String sql, boolean transactional, String timescaleVersion) {
        String describe = "create_index " + name + " on " + table;
        SqlOp drop = new SqlOp("drop_index " + name + " on " + table, List.of(index.renderDrop(name, table)),
                !index.concurrently, null, table, true, Inverse.none("undoes " + describe));
        return new SqlOp(describe, List.of(sql), transactional, timescaleVersion, table, true, Inverse.of(drop));
    }

    // ---- views ----

    /** {@code CREATE VIEW name AS select}; undone by {@code DROP VIEW}. */
    public Ops createView(String name, String select) {
        return add(SqlOp.standalone("create_view " + name, Inverse.of(dropViewOp(name, "VIEW", null)), viewSql("CREATE VIEW", name, select)));
    }

    /** {@code CREATE OR REPLACE VIEW}; no inverse, as the view it replaced is unknown. */
    public Ops replaceView(String name, String select) {
        return add(SqlOp.standalone("replace_view " + name,
                Inverse.none("the replaced view is unknown; give its query as replaceView(name, select, previousSelect)"),
                viewSql("CREATE OR REPLACE VIEW", name, select)));
    }

    /** {@code CREATE OR REPLACE VIEW}, undone by replacing it with {@code previousSelect}. */
    public Ops replaceView(String name, String select, String previousSelect) {
        SqlOp back = SqlOp.standalone("replace_view " + name, Inverse.none("undoes replace_view " + name),
                viewSql("CREATE OR REPLACE VIEW", name, previousSelect));
        return add(SqlOp.standalone("replace_view " + name, Inverse.of(back), viewSql("CREATE OR REPLACE VIEW", name, select)));
    }

    /** {@code DROP VIEW}; no inverse. */
    public Ops dropView(String name) {
        return add(dropViewOp(name, "VIEW", null));
    }

    /** {@code DROP VIEW}, undone by recreating it from {@code select}. */
    public Ops dropView(String name, String select) {
        return add(dropViewOp(name, "VIEW", viewSql("CREATE VIEW", name, select)));
    }

    /** {@code CREATE MATERIALIZED VIEW name AS select} (filled now); undone by dropping it. */
    public Ops createMaterializedView(String name, String select) {
        return add(SqlOp.standalone("create_materialized_view " + name, Inverse.of(dropViewOp(name, "MATERIALIZED VIEW", null)),
                viewSql("CREATE MATERIALIZED VIEW", name, select)));
    }

    /** {@code DROP MATERIALIZED VIEW}; no inverse. */
    public Ops dropMaterializedView(String name) {
        return add(dropViewOp(name, "MATERIALIZED VIEW", null));
    }

    /** {@code DROP MATERIALIZED VIEW}, undone by recreating it from {@code select}. */
    public Ops dropMaterializedView(String name, String select) {
        return add(dropViewOp(name, "MATERIALIZED VIEW", viewSql("CREATE MATERIALIZED VIEW", name, select)));
    }

    static String viewSql(String create, String name, String select) {
        if (select == null || select.isBlank()) {
            throw new IllegalArgumentException("view " + name + " has no query");
        }
        // The query is appended as written, not passed through a jOOQ template: a template would read
        // {0} or ? inside it as placeholders, and the query must reach PostgreSQL unchanged.
        // A closing ";" (as pg_get_viewdef prints one) would end the statement before what follows it.
        return create + " " + Sql.quoted(name) + " AS " + select.strip().replaceAll("[;\\s]+$", "");
    }

    private static SqlOp dropViewOp(String name, String kind, String createSql) {
        String describe = "drop_" + kind.toLowerCase(java.util.Locale.ROOT).replace(' ', '_') + " " + name;
        String sql = kind.equals("VIEW")
                ? Sql.render(Sql.CTX.dropView(Sql.name(name)))
                : Sql.render(Sql.CTX.dropMaterializedView(Sql.name(name)));
        Inverse inverse = createSql == null
                ? Inverse.none("the view's query is unknown; give it to " + describe.split(" ")[0] + "(name, select) to recreate it on downgrade")
                : Inverse.of(SqlOp.standalone("create " + name, Inverse.none("undoes " + describe), createSql));
        return SqlOp.standalone(describe, inverse, sql);
    }

    // ---- schemas ----

    /** {@code CREATE SCHEMA}; undone by {@code DROP SCHEMA} (which fails if anything is left in it). */
    public Ops createSchema(String name) {
        return add(schemaOp(name, true));
    }

    /** {@code DROP SCHEMA} (it must be empty); undone by creating it again. */
    public Ops dropSchema(String name) {
        return add(schemaOp(name, false));
    }

    private static SqlOp schemaOp(String name, boolean create) {
        Name n = Sql.identifier(name);
        String createSql = Sql.render(Sql.CTX.createSchema(n));
        String dropSql = Sql.render(Sql.CTX.dropSchema(n));
        SqlOp undo = SqlOp.standalone((create ? "drop_schema " : "create_schema ") + name, Inverse.none("undoes a schema op"),
                create ? dropSql : createSql);
        return SqlOp.standalone((create ? "create_schema " : "drop_schema ") + name, Inverse.of(undo), create ? createSql : dropSql);
    }

    // ---- enum types ----

    /** {@code CREATE TYPE name AS ENUM (..)}; undone by {@code DROP TYPE}. */
    public Ops createEnum(String name, String... values) {
        SqlOp drop = SqlOp.standalone("drop_enum " + name, Inverse.none("undoes create_enum " + name), dropEnumSql(name));
        return add(SqlOp.standalone("create_enum " + name, Inverse.of(drop), createEnumSql(name, values)));
    }

    /** {@code DROP TYPE name}, undone by creating it again with {@code values}, if given. */
    public Ops dropEnum(String name, String... values) {
        Inverse inverse = values.length == 0
                ? Inverse.none("the type's values are unknown; give them as dropEnum(name, values..) to recreate it on downgrade")
                : Inverse.of(SqlOp.standalone("create_enum " + name, Inverse.none("undoes drop_enum " + name), createEnumSql(name, values)));
        return add(SqlOp.standalone("drop_enum " + name, inverse, dropEnumSql(name)));
    }

    /**
     * {@code ALTER TYPE name ADD VALUE 'value'}. No inverse: PostgreSQL cannot remove a value from an enum.
     * Since PostgreSQL 12 this runs in a transaction, but the new value cannot be used until that
     * transaction commits.
     */
    public Ops addEnumValue(String name, String value) {
        return add(addEnumValueOp(name, value, "", null));
    }

    /** {@code ALTER TYPE name ADD VALUE 'value' BEFORE 'before'}. No inverse. */
    public Ops addEnumValueBefore(String name, String value, String before) {
        return add(addEnumValueOp(name, value, " BEFORE {2}", before));
    }

    /** {@code ALTER TYPE name ADD VALUE 'value' AFTER 'after'}. No inverse. */
    public Ops addEnumValueAfter(String name, String value, String after) {
        return add(addEnumValueOp(name, value, " AFTER {2}", after));
    }

    private static String createEnumSql(String name, String... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("enum " + name + " has no values");
        }
        return Sql.render(Sql.CTX.createType(Sql.name(name)).asEnum(values));
    }

    private static String dropEnumSql(String name) {
        return Sql.render(Sql.CTX.dropType(Sql.name(name)));
    }

    private static SqlOp addEnumValueOp(String name, String value, String position, String other) {
        // jOOQ's alterType(..).addValue(..) renders a bind marker (?) even with inlined parameters: a template.
        String sql = other == null
                ? Sql.template("ALTER TYPE {0} ADD VALUE {1}", Sql.name(name), DSL.inline(value))
                : Sql.template("ALTER TYPE {0} ADD VALUE {1}" + position, Sql.name(name), DSL.inline(value), DSL.inline(other));
        return SqlOp.standalone("add_enum_value " + name + " " + value,
                Inverse.none("PostgreSQL cannot remove a value from an enum type; recreate the type in a downgrade() of your own"), sql);
    }

    // ---- comments ----

    /** {@code COMMENT ON TABLE}; no inverse, as the previous comment is unknown. */
    public Ops commentOnTable(String table, String comment) {
        return add(SqlOp.onTable("comment_on_table " + table, table,
                Inverse.none("the previous comment is unknown; give it as commentOnTable(table, comment, previous), null for none"),
                commentSql("TABLE", Sql.name(table), comment)));
    }

    /** {@code COMMENT ON TABLE}, undone by restoring {@code previous} ({@code null}: there was none). */
    public Ops commentOnTable(String table, String comment, String previous) {
        SqlOp back = SqlOp.onTable("comment_on_table " + table, table, Inverse.none("undoes a comment"),
                commentSql("TABLE", Sql.name(table), previous));
        return add(SqlOp.onTable("comment_on_table " + table, table, Inverse.of(back), commentSql("TABLE", Sql.name(table), comment)));
    }

    /** {@code COMMENT ON COLUMN}; no inverse, as the previous comment is unknown. */
    public Ops commentOnColumn(String table, String column, String comment) {
        return add(SqlOp.onTable("comment_on_column " + table + "." + column, table,
                Inverse.none("the previous comment is unknown; give it as commentOnColumn(table, column, comment, previous), null for none"),
                commentSql("COLUMN", columnName(table, column), comment)));
    }

    /** {@code COMMENT ON COLUMN}, undone by restoring {@code previous} ({@code null}: there was none). */
    public Ops commentOnColumn(String table, String column, String comment, String previous) {
        Name name = columnName(table, column);
        SqlOp back = SqlOp.onTable("comment_on_column " + table + "." + column, table, Inverse.none("undoes a comment"),
                commentSql("COLUMN", name, previous));
        return add(SqlOp.onTable("comment_on_column " + table + "." + column, table, Inverse.of(back), commentSql("COLUMN", name, comment)));
    }

    private static Name columnName(String table, String column) {
        return DSL.name(Sql.name(table), Sql.identifier(column));
    }

    private static String commentSql(String kind, Name name, String comment) {
        if (comment == null) {
            // jOOQ renders is(null) as IS '' — the same to PostgreSQL, but IS NULL says what it means.
            return Sql.template("COMMENT ON " + kind + " {0} IS NULL", name);
        }
        return kind.equals("TABLE")
                ? Sql.render(Sql.CTX.commentOnTable(name).is(comment))
                : Sql.render(Sql.CTX.commentOnColumn(name).is(comment));
    }

    // ---- extensions ----

    /** {@code CREATE EXTENSION name}; undone by {@code DROP EXTENSION}. */
    public Ops createExtension(String name) {
        return createExtension(name, e -> {});
    }

    /** {@code CREATE EXTENSION [IF NOT EXISTS] name [SCHEMA s] [VERSION 'v'] [CASCADE]}; undone by dropping it. */
    public Ops createExtension(String name, Consumer<ExtensionOptions> options) {
        ExtensionOptions o = new ExtensionOptions();
        options.accept(o);
        SqlOp drop = SqlOp.standalone("drop_extension " + name, Inverse.none("undoes create_extension " + name),
                dropExtensionSql(name, o.ifNotExists));
        return add(SqlOp.standalone("create_extension " + name, Inverse.of(drop), createExtensionSql(name, o)));
    }

    /** {@code DROP EXTENSION name}; undone by {@code CREATE EXTENSION name}. */
    public Ops dropExtension(String name) {
        SqlOp create = SqlOp.standalone("create_extension " + name, Inverse.none("undoes drop_extension " + name),
                createExtensionSql(name, new ExtensionOptions()));
        return add(SqlOp.standalone("drop_extension " + name, Inverse.of(create), dropExtensionSql(name, false)));
    }

    // jOOQ's open-source edition has no CREATE/DROP EXTENSION: templates over jOOQ names and literals.
    private static String createExtensionSql(String name, ExtensionOptions o) {
        StringBuilder t = new StringBuilder(o.ifNotExists ? "CREATE EXTENSION IF NOT EXISTS {0}" : "CREATE EXTENSION {0}");
        List<org.jooq.QueryPart> parts = new ArrayList<>(List.of(Sql.identifier(name)));
        if (o.schema != null) {
            t.append(" SCHEMA {").append(parts.size()).append('}');
            parts.add(Sql.identifier(o.schema));
        }
        if (o.version != null) {
            t.append(" VERSION {").append(parts.size()).append('}');
            parts.add(DSL.inline(o.version));
        }
        if (o.cascade) {
            t.append(" CASCADE");
        }
        return Sql.template(t.toString(), parts.toArray(org.jooq.QueryPart[]::new));
    }

    private static String dropExtensionSql(String name, boolean ifExists) {
        return Sql.template(ifExists ? "DROP EXTENSION IF EXISTS {0}" : "DROP EXTENSION {0}", Sql.identifier(name));
    }

    // ---- for TimescaleOps ----

    void markHypertable(String table) {
        hypertables.add(table);
    }

    // The first frame outside the recording classes: the migration's own line. Not "outside this
    // package": a migration (or a test) may live in dev.strata.ops too.
    static int callerLine() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> f.getDeclaringClass() != Ops.class && f.getDeclaringClass() != TimescaleOps.class)
                .findFirst()
                .map(StackWalker.StackFrame::getLineNumber)
                .orElse(0));
    }
}
