package dev.strata.diff;

/**
 * Where a change goes in the upgrade: what other things need is dropped first and created last. The
 * downgrade runs the same changes backwards, so it needs no order of its own.
 */
enum Phase {
    DROP_VIEWS,
    DROP_TRIGGERS,
    DROP_FOREIGN_KEYS,
    DROP_INDEXES,
    DROP_CONSTRAINTS,
    TIMESCALE_OFF,
    DROP_TABLES,
    SCHEMAS,
    EXTENSIONS,
    TYPES,
    SEQUENCES,
    FUNCTIONS,
    TABLES,
    COLUMNS,
    CONSTRAINTS,
    FOREIGN_KEYS,
    INDEXES,
    SEQUENCE_OWNERS,
    HYPERTABLES,
    TIMESCALE_ON,
    TRIGGERS,
    VIEWS,
    CONTINUOUS_AGGREGATES,
    POLICIES,
    COMMENTS,
    DROP_FUNCTIONS,
    DROP_SEQUENCES,
    DROP_TYPES,
    DROP_EXTENSIONS,
    DROP_SCHEMAS
}
