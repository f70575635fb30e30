package dev.strata.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PgBouncer (Debian's package; bin/test installs it) in front of the local PostgreSQL at
 * 127.0.0.1:5432, on a free loopback port, in the given pool mode. Its ini and user list are written in
 * a temporary folder of its own; it runs in the foreground as a child process (as user postgres when
 * the tests run as root, which PgBouncer refuses), and {@link #close} stops it and removes the folder.
 * A JVM that ends without closing it stops it too.
 */
final class PgBouncer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/pgbouncer");
    private static final int FIRST_PORT = Integer.getInteger("strata.test.pgbouncer.port", 56200);

    private final Process process;
    private final Path dir;
    private final int port;
    private final Thread onExit;

    private PgBouncer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.onExit = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** Starts one in {@code mode} ({@code session} or {@code transaction}) with at most {@code poolSize} server sessions per database. */
    static PgBouncer start(String mode, int poolSize) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's pgbouncer (bin/test does: apt-get install pgbouncer)");
        }
        // The ports are in the kernel's ephemeral range, so a connection may take one between the check
        // and PgBouncer's bind: then the next port is tried.
        int port = FIRST_PORT;
        while (true) {
            port = freePort(port);
            PgBouncer bouncer = start(mode, poolSize, port);
            if (bouncer != null) {
                return bouncer;
            }
            port++;
        }
    }

    /** Starts one on {@code port}; null if the port was taken meanwhile. */
    private static PgBouncer start(String mode, int poolSize, int port) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("strata-pgbouncer-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path ini = dir.resolve("pgbouncer.ini");
        Files.writeString(dir.resolve("userlist.txt"), "\"postgres\" \"\"\n");
        Files.writeString(ini, String.join("\n",
                "[databases]",
                "* = host=127.0.0.1 port=5432",
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + dir.resolve("userlist.txt"),
                "pool_mode = " + mode,
                "default_pool_size = " + poolSize,
                "max_client_conn = 500",
                // pgjdbc sends it at start-up; PgBouncer refuses start-up parameters it does not know.
                "ignore_startup_parameters = extra_float_digits",
                "logfile =",
                "pidfile =",
                ""));
        for (Path p : List.of(dir.resolve("userlist.txt"), ini)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("-u", "postgres")); // "PgBouncer should not run as root"
        }
        cmd.add(ini.toString());
        Path log = dir.resolve("pgbouncer.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PgBouncer bouncer = new PgBouncer(p, dir, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!answers(port)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                String text = Files.readString(log);
                bouncer.close();
                if (!p.isAlive() && text.contains("Address already in use")) {
                    return null;
                }
                throw new IllegalStateException("pgbouncer did not start on port " + port + ": " + text);
            }
            Thread.sleep(50);
        }
        return bouncer;
    }

    /** A JDBC URL of {@code database} through this PgBouncer (a {@code {name}} template works too). */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    int port() {
        return port;
    }

    /**
     * The first port from {@code from} that a listener could take now. Nothing answering is not enough:
     * a connection of this JVM (to PostgreSQL, say) may use the port as its own end, and PgBouncer's
     * bind then fails with "Address already in use".
     */
    private static int freePort(int from) {
        for (int port = from; port < FIRST_PORT + 20; port++) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IllegalStateException("no free port for pgbouncer in " + FIRST_PORT + "-" + (FIRST_PORT + 19));
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down: the hook runs anyway
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
