package dev.strata.config;

import java.util.Locale;

/** What kind of server a target is: plain PostgreSQL, or PostgreSQL with TimescaleDB. */
public enum Dialect {
    POSTGRESQL,
    TIMESCALEDB;

    /** The name used in {@code migrate.toml}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Dialect parse(String text) {
        for (Dialect d : values()) {
            if (d.configName().equals(text)) {
                return d;
            }
        }
        return null;
    }
}
