package dev.strata.bench;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Start-up benchmark (bench/startup.sh) only: what a command would cost if jOOQ were on its path.
 * Loads jOOQ's DSL and renders one CREATE TABLE, as an op rendered through jOOQ would, then runs
 * the CLI with the same arguments. Compiled by the script against cli/target/migrate.jar.
 */
public final class JooqOnPath {

    private JooqOnPath() {}

    public static void main(String[] args) {
        String sql = DSL.using(SQLDialect.POSTGRES)
                .createTable("devices")
                .column("id", SQLDataType.BIGINT.notNull())
                .column("hostname", SQLDataType.CLOB)
                .getSQL();
        if (sql.isEmpty()) {
            throw new AssertionError("jOOQ rendered nothing");
        }
        dev.strata.cli.Main.main(args);
    }
}
