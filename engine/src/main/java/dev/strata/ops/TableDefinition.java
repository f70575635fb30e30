package dev.strata.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.Constraint;
import org.jooq.CreateTableElementListStep;
import org.jooq.DataType;
import org.jooq.impl.DSL;

/**
 * The columns and constraints of a table:
 * {@code t -> t.column("id", "bigint", c -> c.identity().primaryKey()).column("email", "text", c -> c.notNull())}.
 */
public final class TableDefinition {

    private final List<ColumnDefinition> columns = new ArrayList<>();
    private final List<Constraint> constraints = new ArrayList<>();
    private List<String> primaryKey = List.of();

    TableDefinition() {}

    /** A column of a type written as PostgreSQL reads it: {@code "timestamptz"}, {@code "numeric(10,2)"}. */
    public TableDefinition column(String name, String type) {
        return column(name, type, c -> {});
    }

    public TableDefinition column(String name, String type, Consumer<ColumnDefinition> definition) {
        ColumnDefinition column = new ColumnDefinition(name, type);
        definition.accept(column);
        columns.add(column);
        return this;
    }

    /** A column of a jOOQ type, such as {@code SQLDataType.BIGINT}. */
    public TableDefinition column(String name, DataType<?> type) {
        return column(name, type, c -> {});
    }

    public TableDefinition column(String name, DataType<?> type, Consumer<ColumnDefinition> definition) {
        ColumnDefinition column = new ColumnDefinition(name, type);
        definition.accept(column);
        columns.add(column);
        return this;
    }

    /** A primary key over several columns (PostgreSQL names it {@code <table>_pkey}). */
    public TableDefinition primaryKey(String... columns) {
        primaryKey = List.of(columns);
        return this;
    }

    /** An unnamed {@code UNIQUE} constraint over the columns. */
    public TableDefinition unique(String... columns) {
        constraints.add(DSL.unique(ForeignKeyDefinition.names(List.of(columns))));
        return this;
    }

    /** A named {@code CHECK} constraint; {@code condition} is SQL. */
    public TableDefinition check(String name, String condition) {
        constraints.add(DSL.constraint(Sql.identifier(name)).check(Sql.condition(condition)));
        return this;
    }

    /** A named foreign key. */
    public TableDefinition foreignKey(String name, Consumer<ForeignKeyDefinition> definition) {
        ForeignKeyDefinition fk = new ForeignKeyDefinition();
        definition.accept(fk);
        constraints.add(fk.constraint(name));
        return this;
    }

    String render(String table) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + table + " has no columns");
        }
        CreateTableElementListStep create = Sql.CTX.createTable(Sql.name(table));
        List<String> key = new ArrayList<>(primaryKey);
        List<Constraint> all = new ArrayList<>();
        for (ColumnDefinition column : columns) {
            create = create.column(Sql.identifier(column.name), column.dataType());
            if (column.primaryKey && !key.contains(column.name)) {
                key.add(column.name);
            }
            if (column.unique) {
                all.add(DSL.unique(Sql.identifier(column.name)));
            }
        }
        if (!key.isEmpty()) {
            all.add(0, DSL.primaryKey(ForeignKeyDefinition.names(key)));
        }
        all.addAll(constraints);
        return Sql.render(all.isEmpty() ? create : create.constraints(all));
    }
}
