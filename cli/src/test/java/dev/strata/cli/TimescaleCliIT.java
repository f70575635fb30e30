package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.TestDatabase;
import dev.strata.testing.TestTimescale;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TimescaleDB target from the command line, as the README and the seeds run it. */
class TimescaleCliIT {

    @TempDir
    Path dir;

    @TempDir
    Path cache;

    @Test
    void theSampleTimescaleBranchUpgradesWithTheExactCommandAndShowsAtHead() {
        TestTimescale tsdb = TestTimescale.server();
        tsdb.reset();
        Cli cli = new Cli(Path.of("..").toAbsolutePath().normalize())
                .env("TIMESCALE_URL", tsdb.jdbcUrl())
                .env("TIMESCALE_SCRATCH_URL", TimescaleAutogenerateCliIT.scratchUrl())
                .env("POSTGRES_URL", "jdbc:postgresql://127.0.0.1:1/unused")
                .env("STRATA_CACHE_DIR", cache.toString());

        Cli.Result up = cli.run("-c", "config/migrate.toml", "-x", "db=timescale", "upgrade", "timescale@head");
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.lines()).containsExactly(
                "Running upgrade  -> 1a2b3c4d5e6f, enable timescaledb",
                "Running upgrade 1a2b3c4d5e6f -> 2b3c4d5e6f7a, create ping_results hypertable",
                "Running upgrade 2b3c4d5e6f7a -> 3c4d5e6f7a8b, compress ping_results after a week",
                "Running upgrade 3c4d5e6f7a8b -> 4d5e6f7a8b9c, keep ping_results for 90 days",
                "Running upgrade 4d5e6f7a8b9c -> 5e6f7a8b9c0d, hourly ping statistics");

        Cli.Result check = cli.run("-c", "config/migrate.toml", "-x", "db=timescale", "check");
        assertThat(check.code()).as(check.out() + check.err()).isZero();
        assertThat(cli.run("-c", "config/migrate.toml", "-x", "db=timescale", "current").lines()).containsExactly("5e6f7a8b9c0d (timescale) (head)");
        Cli.Result status = cli.run("-c", "config/migrate.toml", "status");
        assertThat(status.out()).contains("timescale  at 5e6f7a8b9c0d  up to date").doesNotContain("password=postgres");

        Cli.Result down = cli.run("-c", "config/migrate.toml", "-x", "db=timescale", "downgrade", "timescale@base");
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.lines()).hasSize(5).first().isEqualTo("Running downgrade 5e6f7a8b9c0d -> 4d5e6f7a8b9c, hourly ping statistics");
        assertThat(tsdb.column("SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'")).containsExactly("0");
    }

    @Test
    void aTimescaleOperationOnThePostgresTargetIsRefusedWithExit2AndNothingRuns() {
        try (TestDatabase db = TestDatabase.create("ts_refused")) {
            Cli cli = new Cli(dir).env("APP_URL", db.jdbcUrl()).env("STRATA_CACHE_DIR", cache.toString());
            cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"${APP_URL}\"\n");
            cli.write("m/a1.sql", Cli.script("a1", "", "", "CREATE TABLE pings (time timestamptz NOT NULL, ms int);", "DROP TABLE pings;"));
            cli.write("m/Va2_Hypertable.java", """
                    import dev.strata.ops.JavaMigration;
                    import dev.strata.ops.Migration;
                    import dev.strata.ops.Ops;

                    @Migration(revision = "a2", downRevision = "a1", message = "pings hypertable")
                    public class Va2_Hypertable implements JavaMigration {
                        @Override
                        public void upgrade(Ops op) {
                            op.timescale().createHypertable("pings", "time");
                        }
                    }
                    """);

            Cli.Result up = cli.run("upgrade", "head");
            assertThat(up.code()).isEqualTo(2);
            assertThat(up.out()).isEmpty();
            assertThat(up.err().lines()).singleElement().asString()
                    .startsWith("error: revision a2 (" + dir.resolve("m/Va2_Hypertable.java") + ":9) uses create_hypertable pings")
                    .endsWith("but target 'app' is a plain PostgreSQL target (dialect = \"postgresql\"); "
                            + "run it on a target with dialect = \"timescaledb\"");
            assertThat(db.column("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).containsExactly("0");

            // Offline too: the script is never printed.
            Cli.Result sql = cli.run("upgrade", "head", "--sql");
            assertThat(sql.code()).isEqualTo(2);
            assertThat(sql.out()).isEmpty();
        }
    }
}
