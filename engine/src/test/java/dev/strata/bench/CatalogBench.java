package dev.strata.bench;

import dev.strata.catalog.CatalogReader;
import dev.strata.schema.Catalog;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Set;

/**
 * Catalog-reading benchmark (bench/catalog.sh): fills the empty database at the JDBC URL given with 1,000
 * tables (6,000 columns), 2,000 indexes and 500 foreign keys, then times {@link CatalogReader#read} a
 * number of rounds. Usage: CatalogBench JDBC_URL [ROUNDS].
 */
public final class CatalogBench {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (Connection c = DriverManager.getConnection(args[0])) {
            try (Statement s = c.createStatement()) {
                StringBuilder sql = new StringBuilder();
                for (int i = 0; i < 1000; i++) {
                    sql.append("CREATE TABLE t").append(i).append(" (id bigint PRIMARY KEY, ref bigint, name varchar(40) NOT NULL,"
                            + " at timestamptz DEFAULT now(), n int CHECK (n >= 0), note text);");
                    sql.append("CREATE INDEX ON t").append(i).append(" (name);");
                    sql.append("CREATE INDEX ON t").append(i).append(" (at, n);");
                    if (i % 2 == 1) {
                        sql.append("ALTER TABLE t").append(i).append(" ADD FOREIGN KEY (ref) REFERENCES t").append(i - 1)
                                .append(';');
                    }
                }
                s.execute(sql.toString());
            }
            for (int r = 1; r <= rounds; r++) {
                long start = System.nanoTime();
                Catalog catalog = CatalogReader.read(c, Set.of());
                long ms = (System.nanoTime() - start) / 1_000_000;
                long columns = catalog.tables().stream().mapToLong(t -> t.columns().size()).sum();
                long fks = catalog.tables().stream().flatMap(t -> t.constraints().stream())
                        .filter(k -> k.references() != null).count();
                System.out.printf("round %d: %d ms (%d tables, %d columns, %d indexes, %d foreign keys, %d dependencies)%n",
                        r, ms, catalog.tables().size(), columns, catalog.indexes().size(), fks, catalog.dependencies().size());
            }
        }
    }
}
