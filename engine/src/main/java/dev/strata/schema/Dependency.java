package dev.strata.schema;

/**
 * One object needs another (from {@code pg_depend}, {@code pg_rewrite} and foreign keys): a view on a
 * table, a foreign key on the referenced table, a column on an enum type, a default on a sequence or a
 * function. The differ creates {@code to} before {@code from} and drops {@code from} before {@code to}.
 */
public record Dependency(ObjectRef from, ObjectRef to) {

    /** Any object of a catalog; {@code detail} names a part (a column, a constraint) or is {@code null}. */
    public record ObjectRef(Kind kind, QualifiedName name, String detail) {

        public static ObjectRef of(Kind kind, QualifiedName name) {
            return new ObjectRef(kind, name, null);
        }
    }

    /** The kinds of object a {@link Catalog} holds. */
    public enum Kind { SCHEMA, EXTENSION, TABLE, COLUMN, CONSTRAINT, INDEX, SEQUENCE, TYPE, VIEW, FUNCTION, TRIGGER }
}
