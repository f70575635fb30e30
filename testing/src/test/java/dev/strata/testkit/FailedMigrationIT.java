package dev.strata.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** A migration that fails fails the test class with the engine's message, and the revision is rolled back. */
class FailedMigrationIT {

    /** Run by the test below through JUnit's launcher, never by the build itself (a nested class). */
    @StrataDatabase(config = "src/test/resources/broken/migrate.toml")
    static class NeedsTheBrokenProject {
        @org.junit.jupiter.api.Test
        void usesIt(MigratedDatabase db) {
            throw new AssertionError("got a database: " + db);
        }
    }

    @Test
    void theClassFailsWithTheMigrationsError() {
        try (TestDatabase db = TestDatabase.create("testkit_broken")) {
            System.setProperty("strata.test.url.app", db.jdbcUrl());
            TestExecutionSummary summary;
            try {
                summary = Launch.run(NeedsTheBrokenProject.class);
            } finally {
                System.clearProperty("strata.test.url.app");
            }

            assertThat(summary.getTestsSucceededCount()).isZero();
            List<Throwable> failures = summary.getFailures().stream().map(TestExecutionSummary.Failure::getException).toList();
            assertThat(failures).hasSize(1);
            System.out.println("FailedMigrationIT: the class failed with: " + failures.get(0).getMessage());
            assertThat(failures.get(0)).isInstanceOf(StrataTestException.class)
                    .hasMessageStartingWith("strata-testing: migrating target 'app' to heads failed: ")
                    .hasMessageContaining("b2b2b2b2b2b2")
                    .hasMessageContaining("column \"name\" does not exist");
            // The first revision stayed, the second was rolled back as a whole.
            assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("b1b1b1b1b1b1");
            assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'accounts' ORDER BY 1"))
                    .containsExactly("email", "id");
        }
    }
}
