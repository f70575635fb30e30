package dev.strata.schema;

/**
 * A TimescaleDB continuous aggregate.
 *
 * @param definition the query as {@code pg_get_viewdef} prints it on the user view
 * @param refresh the refresh policy, or {@code null}
 */
public record ContinuousAggregate(QualifiedName name, String definition, boolean materializedOnly, Refresh refresh,
        String comment) {

    /** A refresh policy's offsets and schedule, as PostgreSQL prints them ({@code 1 day}), {@code null} for NULL. */
    public record Refresh(String startOffset, String endOffset, String scheduleInterval) {}
}
