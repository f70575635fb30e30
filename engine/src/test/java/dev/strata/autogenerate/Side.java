package dev.strata.autogenerate;

import dev.strata.catalog.CatalogReader;
import dev.strata.schema.Catalog;
import dev.strata.source.Statement;
import dev.strata.source.StatementSplitter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * One database of a corpus run: the live one the upgrade runs on, or the desired one built from the new
 * SQL. Every call opens its own connection and closes it before returning, because the local
 * TimescaleDB server serves one session at a time.
 */
interface Side {

    Connection connect() throws SQLException;

    /** Runs corpus files in order on one connection, statement by statement, each in autocommit (as psql would). */
    default void run(CorpusCase c, String... files) {
        try (Connection conn = connect(); java.sql.Statement s = conn.createStatement()) {
            for (String file : files) {
                for (Statement st : StatementSplitter.split(c.sql(file), 1)) {
                    try {
                        s.execute(st.sql());
                    } catch (SQLException e) {
                        throw new IllegalStateException(c.id() + "/" + file + " line " + st.line() + ": " + e.getMessage(), e);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(c.id() + ": " + e.getMessage(), e);
        }
    }

    /** The catalog as the reader sees it. */
    default Catalog catalog() {
        try (Connection c = connect()) {
            return CatalogReader.read(c, Set.of());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the catalog: " + e.getMessage(), e);
        }
    }

    /** A catalog's schema, for comparing: without the dependencies, which order steps and are not schema. */
    static Catalog schema(Catalog c) {
        return new Catalog(c.schemas(), c.extensions(), c.tables(), c.indexes(), c.sequences(), c.enums(), c.views(),
                c.functions(), c.triggers(), c.hypertables(), c.continuousAggregates(), List.of());
    }
}
