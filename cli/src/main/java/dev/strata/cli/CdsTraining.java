package dev.strata.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The workload bin/migrate records into its class-data-sharing archive after each build: every command
 * registered, a config read, scripts parsed and planned, offline SQL rendered, online commands against
 * a stand-in PostgreSQL server (below) so that the driver's and the pool's connect, query and close
 * paths are archived, and a connection attempt to a closed port (the error path). Not a command users run.
 *
 * <p>It renders no Java migration: jOOQ is loaded only when one is rendered, which the commands whose
 * start-up matters (--help, current, history) never do, so archiving its classes would only make
 * every start map a bigger file. Run with -Dstrata.cds.verbose=true to see what each run printed.
 */
public final class CdsTraining {

    private CdsTraining() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("strata-cds");
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> FakeServer.serve(socket), "cds-fake-postgres");
            server.setDaemon(true);
            server.start();
            int port = socket.getLocalPort();
            Files.createDirectories(dir.resolve("m"));
            Files.writeString(dir.resolve("migrate.toml"),
                    "[scripts]\nlocations = [\"m\"]\n"
                    + "[targets.app]\nurl = \"jdbc:postgresql://127.0.0.1:" + port + "/app?user=u\"\nbranch = \"app\"\n"
                    + "[targets.down]\nurl = \"postgresql://u:p@127.0.0.1:1/app?connect_timeout=1\"\nbranch = \"app\"\n");
            Files.writeString(dir.resolve("m/a1_one.sql"), "-- revision: a1\n-- down_revision:\n-- branch_labels: app\n-- message: one\n\n"
                    + "-- migrate:upgrade\nCREATE TABLE t (id int);\nDO $$ BEGIN PERFORM 1; END $$;\n\n-- migrate:downgrade\nDROP TABLE t;\n",
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("m/a2_two.sql"), "-- revision: a2\n-- down_revision: a1\n-- message: two\n\n"
                    + "-- migrate:upgrade\nALTER TABLE t ADD COLUMN v text; -- note\n\n-- migrate:downgrade\nALTER TABLE t DROP COLUMN v;\n",
                    StandardCharsets.UTF_8);
            // A Java migration whose header is read (as every command does) but which is never rendered:
            // the stand-in server says the database is past it, and the --sql range below skips it.
            Files.writeString(dir.resolve("m/Va3_Three.java"), "import dev.strata.ops.JavaMigration;\n"
                    + "import dev.strata.ops.Migration;\nimport dev.strata.ops.Ops;\n\n"
                    + "@Migration(revision = \"a3\", downRevision = {\"a2\"}, message = \"three\", createDate = \"2026-11-21 09:00:00\")\n"
                    + "public class Va3_Three implements JavaMigration {\n    @Override\n    public void upgrade(Ops op) {\n"
                    + "        op.execute(\"SELECT 1\");\n    }\n}\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("m/a4_four.sql"), "-- revision: a4\n-- down_revision: a3\n-- message: four\n\n"
                    + "-- migrate:upgrade\nALTER TABLE t ADD COLUMN w text;\n\n-- migrate:downgrade\nALTER TABLE t DROP COLUMN w;\n",
                    StandardCharsets.UTF_8);
            String[][] runs = {
                {"--help"}, {"heads"}, {"history"}, {"--json", "branches"}, {"show", "a4"}, {"graph"},
                {"--db", "app", "upgrade", "a3:heads", "--sql"},
                {"--db", "app", "upgrade", "base:a2", "--sql"},
                // The stand-in server says the database is at a4: current, status and a no-op upgrade.
                {"--db", "app", "current"}, {"--db", "app", "status"}, {"--db", "app", "upgrade", "heads"},
                {"--db", "app", "current"},
                {"--db", "down", "current"},
            };
            boolean show = Boolean.getBoolean("strata.cds.verbose");
            for (String[] run : runs) {
                StringWriter text = new StringWriter();
                int code = Main.run(run, new PrintWriter(text), new PrintWriter(text), Map.of(), dir);
                if (show) {
                    System.out.println("== " + String.join(" ", run) + " -> " + code + "\n" + text);
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Just enough of PostgreSQL's frontend/backend protocol (v3) for the driver to connect, run the
     * queries Strata's read-only commands send and close: trust authentication, the extended and simple
     * query protocols, canned answers for the queries whose results are read, and an empty result for
     * any other. It only has to load the same classes a real server makes the driver load.
     */
    static final class FakeServer {

        private final DataInputStream in;
        private final DataOutputStream out;
        private final Map<String, String> statements = new HashMap<>();
        private final Map<String, Integer> parameters = new HashMap<>();
        private final Map<String, String> portals = new HashMap<>();
        private char transaction = 'I';

        private FakeServer(Socket s) throws IOException {
            in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
        }

        static void serve(ServerSocket socket) {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    Thread t = new Thread(() -> {
                        try (s) {
                            new FakeServer(s).session();
                        } catch (IOException | RuntimeException e) {
                            // the client went away, or asked for something not imitated: training goes on
                        }
                    }, "cds-fake-postgres-session");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void session() throws IOException {
            while (true) {
                int length = in.readInt();
                int code = in.readInt();
                byte[] rest = new byte[length - 8];
                in.readFully(rest);
                if (code == 80877103 || code == 80877104) { // SSLRequest, GSSENCRequest: not offered
                    out.writeByte('N');
                    out.flush();
                } else if (code == 196608) {
                    break;
                } else {
                    return; // a cancel request, or another protocol
                }
            }
            message('R', b -> b.writeInt(0)); // AuthenticationOk
            String[][] status = {
                {"server_version", "15.0"}, {"server_encoding", "UTF8"}, {"client_encoding", "UTF8"},
                {"DateStyle", "ISO, MDY"}, {"IntervalStyle", "postgres"}, {"integer_datetimes", "on"},
                {"standard_conforming_strings", "on"}, {"TimeZone", "UTC"}, {"is_superuser", "on"},
                {"session_authorization", "u"}, {"application_name", "strata"},
            };
            for (String[] s : status) {
                message('S', b -> {
                    cstring(b, s[0]);
                    cstring(b, s[1]);
                });
            }
            message('K', b -> {
                b.writeInt(4242);
                b.writeInt(2424);
            });
            ready();
            out.flush();
            while (true) {
                int type;
                try {
                    type = in.readUnsignedByte();
                } catch (EOFException e) {
                    return;
                }
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                DataInputStream m = new DataInputStream(new java.io.ByteArrayInputStream(body));
                switch (type) {
                    case 'Q' -> {
                        String sql = cstring(m);
                        Answer a = Answer.of(sql);
                        if (a.columns != null) {
                            rowDescription(a);
                        }
                        execute(sql, a);
                        ready();
                        out.flush();
                    }
                    case 'P' -> {
                        String name = cstring(m);
                        statements.put(name, cstring(m));
                        parameters.put(name, (int) m.readShort());
                        message('1', b -> { });
                    }
                    case 'B' -> {
                        String portal = cstring(m);
                        portals.put(portal, statements.getOrDefault(cstring(m), ""));
                        message('2', b -> { });
                    }
                    case 'D' -> {
                        int kind = m.readUnsignedByte();
                        String name = cstring(m);
                        String sql = kind == 'S' ? statements.getOrDefault(name, "") : portals.getOrDefault(name, "");
                        if (kind == 'S') {
                            int n = parameters.getOrDefault(name, 0);
                            message('t', b -> {
                                b.writeShort(n);
                                for (int i = 0; i < n; i++) {
                                    b.writeInt(25);
                                }
                            });
                        }
                        Answer a = Answer.of(sql);
                        if (a.columns == null) {
                            message('n', b -> { });
                        } else {
                            rowDescription(a);
                        }
                    }
                    case 'E' -> {
                        String sql = portals.getOrDefault(cstring(m), "");
                        if (Boolean.getBoolean("strata.cds.verbose")) {
                            System.out.println("   [stand-in server] " + sql);
                        }
                        execute(sql, Answer.of(sql));
                    }
                    case 'C' -> message('3', b -> { });
                    case 'S' -> {
                        ready();
                        out.flush();
                    }
                    case 'H' -> out.flush();
                    case 'X' -> {
                        return;
                    }
                    default -> {
                        message('E', b -> {
                            b.writeByte('S');
                            cstring(b, "ERROR");
                            b.writeByte('C');
                            cstring(b, "0A000");
                            b.writeByte('M');
                            cstring(b, "not imitated");
                            b.writeByte(0);
                        });
                        ready();
                        out.flush();
                    }
                }
            }
        }

        private void execute(String sql, Answer a) throws IOException {
            if (sql.isBlank()) {
                message('I', b -> { }); // EmptyQueryResponse: what the pool's validity check sends
                return;
            }
            for (String[] row : a.rows) {
                message('D', b -> {
                    b.writeShort(row.length);
                    for (String v : row) {
                        if (v == null) {
                            b.writeInt(-1);
                        } else {
                            byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
                            b.writeInt(bytes.length);
                            b.write(bytes);
                        }
                    }
                });
            }
            String word = sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            if (word.equals("BEGIN") || word.equals("START")) {
                transaction = 'T';
            } else if (word.equals("COMMIT") || word.equals("ROLLBACK") || word.equals("END")) {
                transaction = 'I';
            }
            String tag = a.columns != null ? "SELECT " + a.rows.size()
                    : word.equals("INSERT") || sql.contains(" INSERT ") ? "INSERT 0 1"
                    : word.equals("UPDATE") || word.equals("DELETE") ? word + " 1"
                    : word;
            message('C', b -> cstring(b, tag));
        }

        private void rowDescription(Answer a) throws IOException {
            message('T', b -> {
                b.writeShort(a.columns.length);
                for (int i = 0; i < a.columns.length; i++) {
                    cstring(b, a.columns[i]);
                    b.writeInt(0);
                    b.writeShort(0);
                    b.writeInt(a.types[i]);
                    b.writeShort(-1);
                    b.writeInt(-1);
                    b.writeShort(0); // text format
                }
            });
        }

        private void ready() throws IOException {
            char t = transaction;
            message('Z', b -> b.writeByte(t));
        }

        private interface Body {
            void write(DataOutputStream b) throws IOException;
        }

        private void message(char type, Body body) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            body.write(new DataOutputStream(bytes));
            out.writeByte(type);
            out.writeInt(bytes.size() + 4);
            bytes.writeTo(out);
        }

        private static void cstring(DataOutputStream b, String s) throws IOException {
            b.write(s.getBytes(StandardCharsets.UTF_8));
            b.writeByte(0);
        }

        private static String cstring(DataInputStream m) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int c = m.readUnsignedByte(); c != 0; c = m.readUnsignedByte()) {
                bytes.write(c);
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** A canned result: column names, type OIDs and text rows; no columns for a command without rows. */
    private record Answer(String[] columns, int[] types, List<String[]> rows) {

        private static final int BOOL = 16;
        private static final int INT4 = 23;
        private static final int TEXT = 25;

        /**
         * For a SELECT, one value per item of its select list, by what the item reads (so that a probe
         * which gains a column still gets an answer); one row, or none when it reads a table other than
         * the version table. SHOW: one row. Anything else: no result.
         */
        static Answer of(String sql) {
            String lower = sql.strip().toLowerCase(Locale.ROOT);
            if (lower.startsWith("show ")) { // one setting, one row
                String value = lower.startsWith("show transaction isolation") ? "read committed"
                        : lower.startsWith("show search_path") ? "\"$user\", public" : "";
                return new Answer(new String[] {"setting"}, new int[] {TEXT}, rows(new String[] {value}));
            }
            if (!lower.startsWith("select") && !lower.startsWith("with")) {
                return new Answer(null, null, List.of());
            }
            if (!lower.startsWith("select")) {
                return new Answer(new String[] {"?column?"}, new int[] {TEXT}, List.of());
            }
            List<String> items = new ArrayList<>();
            int depth = 0;
            boolean quoted = false;
            int from = -1;
            int itemStart = "select".length();
            for (int i = itemStart; i < lower.length() && from < 0; i++) {
                char c = lower.charAt(i);
                if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted && c == '(') {
                    depth++;
                } else if (!quoted && c == ')') {
                    depth--;
                } else if (!quoted && depth == 0 && c == ',') {
                    items.add(lower.substring(itemStart, i));
                    itemStart = i + 1;
                } else if (!quoted && depth == 0 && lower.startsWith(" from ", i)) {
                    from = i;
                }
            }
            items.add(lower.substring(itemStart, from < 0 ? lower.length() : from));
            String[] names = new String[items.size()];
            int[] types = new int[items.size()];
            String[] row = new String[items.size()];
            for (int i = 0; i < items.size(); i++) {
                String item = items.get(i);
                names[i] = "c" + i;
                types[i] = TEXT;
                if (item.contains("server_version_num")) {
                    types[i] = INT4;
                    row[i] = "150000";
                } else if (item.contains("server_version")) {
                    row[i] = "15.0";
                } else if (item.contains("to_regclass") || item.contains("advisory") || item.contains(" is not null")) {
                    types[i] = BOOL;
                    row[i] = "t";
                } else if (item.contains("current_schema")) {
                    row[i] = "public";
                } else if (item.strip().equals("version_num")) {
                    row[i] = "a4";
                }
            }
            boolean versionTable = items.size() == 1 && items.get(0).strip().equals("version_num");
            return new Answer(names, types, from < 0 || versionTable ? rows(row) : List.of());
        }

        private static List<String[]> rows(String[]... rows) {
            return new ArrayList<>(List.of(rows));
        }
    }
}
