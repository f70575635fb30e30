package dev.strata.testkit;

/** How a test class's database is kept between its tests. */
public enum Reset {

    /** Tests see each other's rows: the database is migrated once and left alone. */
    NONE,

    /**
     * Before each test the database goes back to the state the migration left: every table the
     * migrations made is emptied, rows the migrations themselves inserted are put back, and sequences
     * are set back to where the migration left them. Strata's own tables (version, history, lease) are kept.
     * Close connections at the end of each test: an open transaction's locks would make the reset
     * wait (for at most ten seconds, then the test fails saying so).
     */
    PER_TEST
}
