package dev.strata.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import com.github.dockerjava.api.DockerClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.images.PullPolicy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * A PostgreSQL or TimescaleDB server in a container that Testcontainers starts, stopped by
 * {@link #close()} (and, should the run end without it, when the JVM exits, since Ryuk, Testcontainers'
 * reaper, may be off). Nothing here waits without a bound: the Docker engine must answer within
 * {@link Settings#DOCKER_ANSWER}, the database accept a connection within
 * {@link Settings#DATABASE_READY}, and a pull is Testcontainers' own, with its time limit.
 *
 * <p>The environment given covers the official images (postgres, timescale/timescaledb) and the
 * stand-ins Strata's own CI builds without a registry (strata-postgres:15, strata-timescaledb:local);
 * each image ignores the others' variables. With host networking the server listens on 127.0.0.1 at a
 * free port; otherwise its port 5432 is published as usual.
 *
 * <p>The engine's own tests start their containers the same way (engine/src/test, {@code
 * dev.strata.testing.TestContainers}). They cannot use this class: this module depends on the engine,
 * so the engine's tests depending on it would make a cycle Maven refuses. What is shared is the
 * knowledge (the images' variables, host networking, no pull), written down in both places.
 */
final class DatabaseContainer implements AutoCloseable {

    static final String USER = "postgres";
    static final String PASSWORD = "strata-test";

    private final GenericContainer<?> container;
    private final Thread stopAtExit;
    private final String jdbcUrl;

    private DatabaseContainer(GenericContainer<?> container, Thread stopAtExit, String jdbcUrl) {
        this.container = container;
        this.stopAtExit = stopAtExit;
        this.jdbcUrl = jdbcUrl;
    }

    /** The JDBC URL of the server's {@code postgres} database, without user and password. */
    String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * Why no container can be started, or null when a Docker engine answers and has (or may pull) the
     * images needed.
     */
    static String unavailable(String image, Settings settings) {
        FutureTask<String> check = new FutureTask<>(() -> {
            // The engine's address first, then a plain client: Testcontainers' own client() would start
            // Ryuk, its reaper container, which may need a pull, before we know whether pulling is on.
            DockerClient docker;
            try {
                docker = DockerClientProviderStrategy.getClientForConfig(DockerClientFactory.instance().getTransportConfig());
                docker.pingCmd().exec();
            } catch (RuntimeException e) { // Testcontainers' "Could not find a valid Docker environment", or a refused ping
                return "no Docker engine answers (" + oneLine(e.getMessage()) + ")";
            }
            if (settings.mayPull()) {
                return null;
            }
            if (!present(docker, image)) {
                return "the Docker engine has no image " + image + " and pulling is off (STRATA_TEST_PULL=never)";
            }
            if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
                String ryuk = TestcontainersConfiguration.getInstance().getRyukImage();
                if (!present(docker, ryuk)) {
                    return "the Docker engine has no image " + ryuk + " (Testcontainers' Ryuk) and pulling is off"
                            + " (STRATA_TEST_PULL=never); set TESTCONTAINERS_RYUK_DISABLED=true";
                }
            }
            return null;
        });
        Thread t = new Thread(check, "strata-testing: is Docker there?");
        t.setDaemon(true); // a check that never returns must not keep the JVM alive
        t.start();
        try {
            return check.get(Settings.DOCKER_ANSWER.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return "the Docker engine did not answer within " + Settings.DOCKER_ANSWER.toSeconds() + " s";
        } catch (ExecutionException e) {
            return "the Docker engine could not be asked (" + oneLine(String.valueOf(e.getCause())) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking the Docker engine";
        }
    }

    /** Docker's messages end in a newline, and some span several lines. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean present(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        }
    }

    /** Starts the image and waits until its database accepts a connection. */
    @SuppressWarnings("resource") // closed by close(), or at exit
    static DatabaseContainer start(String image, Settings settings) {
        boolean host = settings.hostNetwork();
        int port = host ? freePort() : 5432;
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                // An image already on the engine is never pulled (the default policy pulls only what is missing).
                .withImagePullPolicy(settings.mayPull() ? PullPolicy.defaultPolicy() : name -> false)
                .withLabel("dev.strata.test", "true")
                .withEnv("POSTGRES_USER", USER)
                .withEnv("POSTGRES_PASSWORD", PASSWORD)
                .withEnv("POSTGRES_DB", "postgres")
                .withEnv("TIMESCALEDB_TELEMETRY", "off")
                .withEnv("PGPORT", Integer.toString(port))
                .withEnv("STRATA_TSDB_PORT", Integer.toString(port))
                // Readiness is a JDBC connection, below: the same test for every image. And a container
                // that exits at once is reported there too, with its log (Testcontainers' own check
                // would say only "Container did not start correctly" and remove it).
                .waitingFor(new AbstractWaitStrategy() {
                    @Override
                    protected void waitUntilReady() {}
                })
                .withStartupCheckStrategy(new StartupCheckStrategy() {
                    @Override
                    public StartupStatus checkStartupState(DockerClient docker, String containerId) {
                        return StartupStatus.SUCCESSFUL;
                    }
                });
        if (host) {
            c.withNetworkMode("host").withEnv("POSTGRES_LISTEN", "127.0.0.1").withEnv("STRATA_TSDB_HOST", "127.0.0.1");
        } else {
            c.withExposedPorts(5432).withEnv("STRATA_TSDB_HOST", "0.0.0.0");
        }
        c.start();
        Thread stop = new Thread(c::stop, "strata-testing: stop " + image);
        Runtime.getRuntime().addShutdownHook(stop);
        String url = "jdbc:postgresql://" + (host ? "127.0.0.1:" + port : c.getHost() + ":" + c.getMappedPort(5432))
                + "/postgres?sslmode=disable&prepareThreshold=0";
        DatabaseContainer started = new DatabaseContainer(c, stop, url);
        try {
            started.awaitConnection(image);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    private void awaitConnection(String image) {
        Duration ready = Settings.DATABASE_READY;
        long end = System.nanoTime() + ready.toNanos();
        SQLException last = null;
        while (System.nanoTime() < end) {
            if (!container.isRunning()) {
                throw new StrataTestException("strata-testing: the " + image + " container exited at once; its log:\n"
                        + container.getLogs().strip());
            }
            try (Connection conn = DriverManager.getConnection(jdbcUrl, USER, PASSWORD)) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StrataTestException("strata-testing: interrupted while waiting for the " + image + " container");
            }
        }
        throw new StrataTestException("strata-testing: the " + image + " container did not accept connections within " + ready.toSeconds()
                + " s (" + (last == null ? "" : last.getMessage()) + "):\n" + container.getLogs());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new StrataTestException("strata-testing: no free port for the container: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        container.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // the JVM is already exiting: the hook runs anyway, and stopping twice is harmless
        }
    }
}
