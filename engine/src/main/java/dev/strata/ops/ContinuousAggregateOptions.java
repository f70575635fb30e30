package dev.strata.ops;

/** Options of {@link TimescaleOps#createContinuousAggregate}. */
public final class ContinuousAggregateOptions {

    boolean refresh = true;
    Boolean materializedOnly;

    ContinuousAggregateOptions() {}

    /** Leaves the aggregate empty: no {@code refresh_continuous_aggregate} after creating it (a policy may fill it). */
    public ContinuousAggregateOptions withNoData() {
        refresh = false;
        return this;
    }

    /** {@code timescaledb.materialized_only}: whether queries see only materialized rows (no real-time aggregation). */
    public ContinuousAggregateOptions materializedOnly(boolean only) {
        materializedOnly = only;
        return this;
    }
}
