package dev.strata.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Without a URL and without a container that can start, a test class fails, at once and with one
 * message that says both ways out; it is neither skipped nor left waiting. The container cannot
 * start whatever the machine: either no Docker engine answers, or its image does not exist and
 * pulling is off. Both end in the same message, naming the reason.
 */
class NoDatabaseIT {

    /** Run by the test below through JUnit's launcher, never by the build itself (a nested class). */
    @StrataDatabase(config = Sample.CONFIG, target = "postgres", image = "strata-testing/absent:0")
    static class NeedsADatabase {
        @Test
        void usesIt(MigratedDatabase db) {
            throw new AssertionError("got a database: " + db);
        }
    }

    @Test
    void theClassFailsWithOneClearMessage() {
        assertThat(System.getenv("STRATA_TEST_URL_POSTGRES")).as("this test needs no URL given").isNull();
        assertThat(System.getenv("STRATA_TEST_URL")).as("this test needs no URL given").isNull();
        System.setProperty("strata.test.pull", "never");
        long started = System.nanoTime();
        TestExecutionSummary summary;
        try {
            summary = Launch.run(NeedsADatabase.class);
        } finally {
            System.clearProperty("strata.test.pull");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(summary.getTestsSucceededCount()).isZero();
        assertThat(summary.getTestsSkippedCount()).isZero();
        List<Throwable> failures = summary.getFailures().stream().map(TestExecutionSummary.Failure::getException).toList();
        assertThat(failures).hasSize(1);
        System.out.println("NoDatabaseIT: the class failed with: " + failures.get(0).getMessage());
        assertThat(failures.get(0)).isInstanceOf(StrataTestException.class)
                .hasMessageStartingWith("strata-testing: no database for target 'postgres': no URL is given (STRATA_TEST_URL_POSTGRES or")
                .hasMessageContaining("and no container of strata-testing/absent:0 can be started: ")
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("no Docker engine answers",
                        "has no image strata-testing/absent:0 and pulling is off", "did not answer within"));
        // Asking Docker is bounded (30 s); the rest takes no time.
        assertThat(took).isLessThan(Settings.DOCKER_ANSWER.plusSeconds(15));
    }
}
