package dev.strata.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Starts a test database in a container with Testcontainers, never pulling its image (see
 * {@link LocalImages}) and stopping it when the JVM exits, since Ryuk, Testcontainers' own reaper, is
 * off where its image is not available. With STRATA_TEST_DOCKER_NETWORK=host (bin/test sets it on our
 * machines, whose Docker engine has no bridge) the container uses the host's network and listens on
 * 127.0.0.1 at a free port; otherwise its port 5432 is published as usual. The settings given cover
 * the official images (postgres, timescale/timescaledb) and our stand-ins (strata-postgres:15,
 * strata-timescaledb:local); each ignores the others'. Kept apart so Testcontainers' classes load
 * only when a container is wanted.
 */
final class TestContainers {

    static final String USER = "postgres";
    static final String PASSWORD = "strata-test";
    private static final Duration READY = Duration.ofSeconds(120);

    private TestContainers() {}

    /** Starts the image and gives the JDBC URL of its {@code postgres} database, without user and password. */
    @SuppressWarnings("resource")
    static String start(String image) {
        boolean host = "host".equals(System.getenv("STRATA_TEST_DOCKER_NETWORK"));
        int port = host ? freePort() : 5432;
        var c = new org.testcontainers.containers.GenericContainer<>(org.testcontainers.utility.DockerImageName.parse(image))
                .withImagePullPolicy(name -> false)
                .withLabel("dev.strata.test", "true")
                .withEnv("POSTGRES_USER", USER)
                .withEnv("POSTGRES_PASSWORD", PASSWORD)
                .withEnv("POSTGRES_DB", "postgres")
                .withEnv("TIMESCALEDB_TELEMETRY", "off")
                .withEnv("PGPORT", Integer.toString(port))
                .withEnv("STRATA_TSDB_PORT", Integer.toString(port))
                // Readiness is a JDBC connection, below: the same test for every image.
                .waitingFor(new org.testcontainers.containers.wait.strategy.AbstractWaitStrategy() {
                    @Override
                    protected void waitUntilReady() {}
                });
        if (host) {
            c.withNetworkMode("host").withEnv("POSTGRES_LISTEN", "127.0.0.1").withEnv("STRATA_TSDB_HOST", "127.0.0.1");
        } else {
            c.withExposedPorts(5432).withEnv("STRATA_TSDB_HOST", "0.0.0.0");
        }
        c.start();
        Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "stop " + image));
        String url = "jdbc:postgresql://" + (host ? "127.0.0.1:" + port : c.getHost() + ":" + c.getMappedPort(5432))
                + "/postgres";
        awaitConnection(url, c, image);
        return url;
    }

    private static void awaitConnection(String url, org.testcontainers.containers.GenericContainer<?> c, String image) {
        long end = System.nanoTime() + READY.toNanos();
        SQLException last = null;
        while (System.nanoTime() < end) {
            if (!c.isRunning()) {
                throw new IllegalStateException("the " + image + " container exited:\n" + c.getLogs());
            }
            try (Connection conn = DriverManager.getConnection(url + "?sslmode=disable", USER, PASSWORD)) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + image, e);
            }
        }
        throw new IllegalStateException("the " + image + " container did not accept connections within "
                + READY.toSeconds() + " s (" + (last == null ? "" : last.getMessage()) + "):\n" + c.getLogs());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        }
    }
}
