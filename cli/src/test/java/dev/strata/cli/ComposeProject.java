package dev.strata.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One docker-compose project of docker/compose.yml with the host-network override, on free ports, for
 * a test: runs docker-compose and docker with a timeout each, and {@link #close()} removes every
 * container and volume of the project, whatever happened before. It never pulls: the images are
 * bin/containers' local ones.
 */
final class ComposeProject implements AutoCloseable {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** What a finished command printed and its exit code. */
    record Result(int code, String out) {}

    final String name = "strata-it-" + UUID.randomUUID().toString().substring(0, 8);
    final int pgPort = freePort();
    final int tsdbPort = freePort();
    private final Map<String, String> env = new HashMap<>();

    ComposeProject(Path project) {
        env.put("STRATA_PROJECT", project.toString());
        env.put("STRATA_PG_PORT", Integer.toString(pgPort));
        env.put("STRATA_TSDB_PORT", Integer.toString(tsdbPort));
        env.put("STRATA_HEALTH_INTERVAL", "2s");
        env.put("STRATA_WAIT", "120s");
    }

    /** Fails, saying how to get one, unless a Docker engine answers and has the images. */
    static void requireEngineAndImages() {
        Result info = run(List.of("docker", "info"), Map.of(), Duration.ofSeconds(30));
        if (info.code() != 0) {
            throw new AssertionError("no Docker engine answers (run bin/containers up): " + info.out());
        }
        for (String image : List.of("strata-migrate:local", "strata-postgres:15", "strata-timescaledb:local")) {
            if (run(List.of("docker", "image", "inspect", image), Map.of(), Duration.ofSeconds(30)).code() != 0) {
                throw new AssertionError("the Docker engine has no image " + image + " (run bin/containers build)");
            }
        }
    }

    /** docker-compose with this project's files, name and settings. */
    Result compose(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker-compose", "--ansi", "never", "-p", name,
                "-f", ROOT.resolve("docker/compose.yml").toString(), "-f", ROOT.resolve("docker/compose.host.yml").toString()));
        cmd.addAll(List.of(args));
        return run(cmd, env, timeout);
    }

    /** Like {@link #compose}, and fails with its output unless it exits 0. */
    String composeOk(Duration timeout, String... args) {
        Result r = compose(timeout, args);
        if (r.code() != 0) {
            throw new AssertionError("docker-compose " + String.join(" ", args) + " exited " + r.code() + ":\n" + r.out());
        }
        return r.out();
    }

    /** The ids of a service's containers, created or not yet removed. */
    List<String> containers(String service) {
        // Only the ids: docker-compose also prints warnings on the same stream.
        String out = composeOk(Duration.ofSeconds(60), "ps", "-a", "-q", service);
        return out.lines().map(String::strip).filter(l -> l.matches("[0-9a-f]{64}")).toList();
    }

    /** docker inspect -f FORMAT of one container. */
    static String inspect(String container, String format) {
        Result r = run(List.of("docker", "inspect", "-f", format, container), Map.of(), Duration.ofSeconds(30));
        if (r.code() != 0) {
            throw new AssertionError("docker inspect " + container + ": " + r.out());
        }
        return r.out().strip();
    }

    /** Waits until the container has exited and gives its exit code; fails after the timeout. */
    static int exitCode(String container, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (inspect(container, "{{.State.Status}}").equals("exited")) {
                return Integer.parseInt(inspect(container, "{{.State.ExitCode}}"));
            }
            Thread.sleep(500);
        }
        throw new AssertionError("container " + container + " still runs after " + timeout.toSeconds() + " s");
    }

    /** Waits until the container's health status is the one given; fails after the timeout. */
    static void awaitHealth(String container, String status, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        String now = "";
        while (System.nanoTime() < end) {
            now = inspect(container, "{{.State.Health.Status}}");
            if (now.equals(status)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("container " + container + " is " + now + ", not " + status + ", after "
                + timeout.toSeconds() + " s; last checks: " + inspect(container, "{{json .State.Health.Log}}"));
    }

    String pgUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/app?user=strata&password=strata";
    }

    String tsdbUrl() {
        return "jdbc:postgresql://127.0.0.1:" + tsdbPort + "/postgres?user=strata&password=strata&sslmode=disable&prepareThreshold=0";
    }

    /** Removes the project's containers and volumes; says so on stderr when that fails, never throws. */
    @Override
    public void close() {
        Result r = compose(Duration.ofSeconds(120), "down", "-v", "--remove-orphans", "-t", "2");
        if (r.code() != 0) {
            System.err.println("ComposeProject: docker-compose down for " + name + " exited " + r.code() + ": " + r.out());
        }
    }

    /** A copy of the sample project (migrate.toml and the scripts), owned by another user when we are root. */
    static Path sampleProject(Path dir) throws IOException, InterruptedException {
        Path project = Files.createDirectories(dir.resolve("project"));
        copy(ROOT.resolve("config"), project.resolve("config"));
        copy(ROOT.resolve("branches"), project.resolve("branches"));
        if ("root".equals(System.getProperty("user.name"))) {
            // The container must read and write a project that belongs to someone else.
            Result r = run(List.of("chown", "-R", "1234:1234", dir.toString()), Map.of(), Duration.ofSeconds(30));
            if (r.code() != 0) {
                throw new AssertionError("chown: " + r.out());
            }
        }
        return project;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static Result run(List<String> cmd, Map<String, String> env, Duration timeout) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            Path log = Files.createTempFile("strata-compose", ".log");
            try {
                Process p = pb.redirectOutput(log.toFile()).start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError(String.join(" ", cmd) + " did not finish within " + timeout.toSeconds()
                            + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.get(0).toLowerCase(Locale.ROOT) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", cmd), e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        }
    }
}
