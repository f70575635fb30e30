package dev.strata.ops;

import java.util.List;
import org.jooq.Constraint;
import org.jooq.ConstraintForeignKeyOnStep;
import org.jooq.Name;
import org.jooq.impl.DSL;

/**
 * A foreign key: {@code fk -> fk.columns("user_id").references("users", "id").onDelete(ReferentialAction.CASCADE)}.
 */
public final class ForeignKeyDefinition {

    private List<String> columns = List.of();
    private String referencedTable;
    private List<String> referencedColumns = List.of();
    private ReferentialAction onDelete;
    private ReferentialAction onUpdate;

    ForeignKeyDefinition() {}

    /** The referencing columns, in order. */
    public ForeignKeyDefinition columns(String... columns) {
        this.columns = List.of(columns);
        return this;
    }

    /** The referenced table (possibly schema-qualified) and its columns, in the same order. */
    public ForeignKeyDefinition references(String table, String... columns) {
        this.referencedTable = table;
        this.referencedColumns = List.of(columns);
        return this;
    }

    public ForeignKeyDefinition onDelete(ReferentialAction action) {
        this.onDelete = action;
        return this;
    }

    public ForeignKeyDefinition onUpdate(ReferentialAction action) {
        this.onUpdate = action;
        return this;
    }

    Constraint constraint(String name) {
        if (columns.isEmpty() || referencedTable == null || referencedColumns.size() != columns.size()) {
            throw new IllegalArgumentException("foreign key " + name
                    + ": give columns(..) and references(table, ..) with as many referenced columns as columns");
        }
        ConstraintForeignKeyOnStep fk = DSL.constraint(Sql.identifier(name))
                .foreignKey(names(columns))
                .references(Sql.name(referencedTable), names(referencedColumns));
        if (onDelete != null) {
            fk = switch (onDelete) {
                case NO_ACTION -> fk.onDeleteNoAction();
                case RESTRICT -> fk.onDeleteRestrict();
                case CASCADE -> fk.onDeleteCascade();
                case SET_NULL -> fk.onDeleteSetNull();
                case SET_DEFAULT -> fk.onDeleteSetDefault();
            };
        }
        if (onUpdate != null) {
            fk = switch (onUpdate) {
                case NO_ACTION -> fk.onUpdateNoAction();
                case RESTRICT -> fk.onUpdateRestrict();
                case CASCADE -> fk.onUpdateCascade();
                case SET_NULL -> fk.onUpdateSetNull();
                case SET_DEFAULT -> fk.onUpdateSetDefault();
            };
        }
        return fk;
    }

    static Name[] names(List<String> columns) {
        return columns.stream().map(Sql::identifier).toArray(Name[]::new);
    }
}
