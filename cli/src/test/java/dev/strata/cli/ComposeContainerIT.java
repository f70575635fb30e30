package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guide 002's start-up for real, with docker-compose, docker/compose.yml and the host-network override
 * (docker/compose.host.yml) on bin/containers' images: the migrate container waits for a database that
 * starts late, brings both targets to their heads and exits 0, and only then does the app start; a
 * failing migration exits 4 and the app never starts; ten migrate containers at once apply each
 * revision once; the app's health check says healthy only while the databases are up to date.
 * Tagged "containers": bin/test runs it in its container phase. Without a Docker engine and the
 * images it fails, saying how to get them; it is never skipped.
 */
@Tag("containers")
@Timeout(600)
class ComposeContainerIT {

    private static final Duration UP = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        ComposeProject.requireEngineAndImages();
    }

    @Test
    void migrateWaitsForALateDatabaseAppliesBothTargetsAndOnlyThenTheAppStartsAndIsHealthy() throws Exception {
        Path project = ComposeProject.sampleProject(dir);
        try (ComposeProject compose = new ComposeProject(project)) {
            // migrate alone first: no database answers yet, so it must wait.
            compose.composeOk(UP, "up", "-d", "--no-deps", "migrate");
            String migrate = compose.containers("migrate").get(0);
            Thread.sleep(5_000);
            assertThat(ComposeProject.inspect(migrate, "{{.State.Status}}")).as("migrate waits").isEqualTo("running");
            assertThat(compose.containers("app")).isEmpty();

            compose.composeOk(UP, "up", "-d");

            assertThat(ComposeProject.exitCode(migrate, UP)).as(compose.compose(UP, "logs", "migrate").out()).isZero();
            String logs = compose.composeOk(UP, "logs", "migrate");
            assertThat(logs).contains("Waiting for target 'postgres'").contains("Running upgrade d4e3f6a5b7c8 -> e5f4a7b6c8d9")
                    .contains("Running upgrade 4d5e6f7a8b9c -> 5e6f7a8b9c0d");
            assertThat(heads(compose.pgUrl())).containsExactly("e5f4a7b6c8d9");
            assertThat(heads(compose.tsdbUrl())).containsExactly("5e6f7a8b9c0d");

            String app = compose.containers("app").get(0);
            // The app started after migrate had finished.
            assertThat(ComposeProject.inspect(app, "{{.State.StartedAt}}"))
                    .isGreaterThan(ComposeProject.inspect(migrate, "{{.State.FinishedAt}}"));
            ComposeProject.awaitHealth(app, "healthy", UP);

            // A new revision arrives with the code but is not applied yet: the app is no longer healthy,
            assertThat(project.resolve("branches/postgres")).exists();
            Path pending = project.resolve("branches/postgres/f6a5b8c7d9e0_add_devices_note.sql");
            Files.writeString(pending, """
                    -- revision: f6a5b8c7d9e0
                    -- down_revision: e5f4a7b6c8d9
                    -- message: add devices.note

                    -- migrate:upgrade
                    ALTER TABLE devices ADD COLUMN note text;

                    -- migrate:downgrade
                    ALTER TABLE devices DROP COLUMN note;
                    """);
            ComposeProject.awaitHealth(app, "unhealthy", UP);
            // until migrate has run again.
            compose.composeOk(UP, "run", "--rm", "migrate");
            assertThat(heads(compose.pgUrl())).containsExactly("f6a5b8c7d9e0");
            ComposeProject.awaitHealth(app, "healthy", UP);
        }
    }

    @Test
    void aFailingMigrationExits4AndTheAppNeverStarts() throws Exception {
        Path project = ComposeProject.sampleProject(dir);
        Files.writeString(project.resolve("branches/postgres/f6a5b8c7d9e0_broken.sql"), """
                -- revision: f6a5b8c7d9e0
                -- down_revision: e5f4a7b6c8d9
                -- message: broken

                -- migrate:upgrade
                SELECT 1 / 0;

                -- migrate:downgrade
                SELECT 1;
                """);
        try (ComposeProject compose = new ComposeProject(project)) {
            ComposeProject.Result up = compose.compose(UP, "up", "-d");
            assertThat(up.code()).as(up.out()).isNotZero();
            String migrate = compose.containers("migrate").get(0);
            assertThat(ComposeProject.exitCode(migrate, UP)).isEqualTo(4);
            assertThat(compose.composeOk(UP, "logs", "migrate")).contains("division by zero");
            // The steps before the broken one are committed; the app was never started.
            assertThat(heads(compose.pgUrl())).containsExactly("e5f4a7b6c8d9");
            for (String app : compose.containers("app")) {
                assertThat(ComposeProject.inspect(app, "{{.State.StartedAt}}")).startsWith("0001-01-01");
            }
        }
    }

    @Test
    void tenMigrateContainersAtOnceApplyEachRevisionOnce() throws Exception {
        Path project = ComposeProject.sampleProject(dir);
        try (ComposeProject compose = new ComposeProject(project)) {
            compose.composeOk(UP, "up", "-d", "postgres", "timescale");
            compose.composeOk(UP, "up", "-d", "--no-deps", "--scale", "migrate=10", "migrate");
            List<String> migrates = compose.containers("migrate");
            assertThat(migrates).hasSize(10);
            List<Integer> codes = new ArrayList<>();
            for (String m : migrates) {
                codes.add(ComposeProject.exitCode(m, Duration.ofMinutes(8)));
            }
            assertThat(codes).as(compose.compose(UP, "logs", "migrate").out()).containsOnly(0);
            assertThat(upgradesPerRevision(compose.pgUrl())).hasSize(5).allMatch(l -> l.endsWith(" 1"));
            assertThat(upgradesPerRevision(compose.tsdbUrl())).hasSize(5).allMatch(l -> l.endsWith(" 1"));
            assertThat(heads(compose.pgUrl())).containsExactly("e5f4a7b6c8d9");
            assertThat(heads(compose.tsdbUrl())).containsExactly("5e6f7a8b9c0d");
        }
    }

    private static List<String> heads(String url) throws Exception {
        return column(url, "SELECT version_num FROM strata_version ORDER BY 1");
    }

    private static List<String> upgradesPerRevision(String url) throws Exception {
        return column(url, "SELECT revision || ' ' || count(*) FROM strata_history WHERE direction = 'upgrade'"
                + " GROUP BY revision ORDER BY 1");
    }

    private static List<String> column(String url, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
