package dev.strata.schema;

/**
 * A trigger written by the user (not one a constraint or TimescaleDB made).
 *
 * @param definition {@code pg_get_triggerdef}: a complete {@code CREATE TRIGGER} statement
 */
public record Trigger(QualifiedName table, String name, String definition, String comment) {}
