package dev.strata.store;

import dev.strata.plan.HeadChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A target's version and history tables, on the run's connection. Head changes check that each
 * statement touched exactly one row: a count of zero means another process or a person changed the
 * table under us, and the step's transaction is rolled back.
 */
public final class VersionStore {

    /**
     * One row of the history table, as far as the runner needs it.
     *
     * @param finishedAt when it finished; for a {@code started} row, when it started
     */
    public record HistoryRow(long id, String revision, String direction, String checksum, String outcome,
                             Instant finishedAt, String error, String appliedBy) {

        /** A step whose row still says {@code started}: its run was interrupted (killed, its session ended). */
        public boolean interrupted() {
            return "started".equals(outcome);
        }

        /** What an unresolved partial row says, after "revision R ". */
        public String partway() {
            return interrupted()
                    ? "was interrupted outside a transaction, in a run started " + finishedAt + ", " + error
                    : "failed part-way on " + finishedAt + " outside a transaction (" + error + ")";
        }
    }

    private final Connection connection;
    private final VersionTables tables;

    public VersionStore(Connection connection, VersionTables tables) {
        this.connection = connection;
        this.tables = tables;
    }

    public VersionTables tables() {
        return tables;
    }

    /** Whether the version table exists yet (it is created by the first run that changes something). */
    public boolean exists() throws SQLException {
        return regclass(tables.qualifiedVersionTable());
    }

    private boolean historyExists() throws SQLException {
        return regclass(tables.qualifiedHistoryTable());
    }

    private boolean regclass(String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Creates what is missing of the schema and the tables; call with the lock held. Nothing is issued
     * for what exists: {@code CREATE ... IF NOT EXISTS} still needs the privilege to create, and a role
     * that was only granted the tables must be able to migrate.
     */
    public void ensureTables() throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (tables.schema() != null && !schemaExists()) {
                s.execute(tables.createSchema());
            }
            if (!exists()) {
                s.execute(tables.createVersionTable());
            }
            if (!historyExists()) {
                s.execute(tables.createHistoryTable());
            }
        }
    }

    private boolean schemaExists() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)")) {
            ps.setString(1, tables.schema());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The current heads, sorted; empty when the table does not exist. */
    public List<String> heads() throws SQLException {
        List<String> out = new ArrayList<>();
        if (!exists()) {
            return out;
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT version_num FROM " + tables.qualifiedVersionTable() + " ORDER BY version_num")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Writes one head change, each statement touching exactly one row, or throws. */
    public void apply(HeadChange change) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : tables.statements(change)) {
                int n = s.executeUpdate(sql);
                if (n != 1) {
                    throw new SQLException("the version table changed under this run: '" + sql + "' touched " + n
                            + " rows instead of 1", "40001");
                }
            }
        }
    }

    /**
     * Writes a step's head change and its history row ({@code applied}), and commits the transaction
     * they share with the step's statements. A single-row change (every step but a merge or an
     * unmerge), the history row and the {@code COMMIT} go to the server in one round trip: the history
     * row is written only if the change touched exactly one row, and otherwise the statement fails on
     * the server ({@link #CHANGED_UNDER_US}), so the {@code COMMIT} behind it never runs (the server
     * skips the rest of a round trip after an error) and the caller rolls the transaction back.
     *
     * @param preamble statements without parameters to run first, in the same round trip (the session
     *                 reset between steps), or null
     */
    public void recordAndCommit(HeadChange change, String revision, String direction, String checksum, String message,
                                Instant started, Instant finished, String toolVersion, String preamble) throws SQLException {
        List<String> values = VersionTables.rowValues(change);
        if (values == null) {
            if (preamble != null) {
                try (Statement s = connection.createStatement()) {
                    s.execute(preamble);
                }
            }
            apply(change);
            recordHistory(revision, direction, checksum, message, started, finished, toolVersion, "applied", null);
            connection.commit();
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(recording(change, preamble))) {
            for (int i = 0; i < values.size(); i++) {
                ps.setString(i + 1, values.get(i));
            }
            bindHistory(ps, values.size(), revision, direction, checksum, message, started, finished, toolVersion, "applied", null);
            ps.execute();
        } catch (SQLException e) {
            String m = e.getMessage();
            int at = m == null ? -1 : m.indexOf(CHANGED_UNDER_US);
            if (at < 0) {
                throw e;
            }
            String n = m.substring(at + CHANGED_UNDER_US.length()).replaceAll("\\D.*", "");
            SQLException changed = new SQLException("the version table changed under this run: '" + tables.statements(change).get(0)
                    + "' touched " + n + " rows instead of 1", "40001");
            changed.initCause(e);
            throw changed;
        }
    }

    private Class<?> recordingKind;
    private String recordingPreamble;
    private String recordingSql;

    /**
     * The recording's text for a kind of head change and a preamble: the same for every step of a run,
     * so built once (a thousand steps spent 40 ms building it again).
     */
    private String recording(HeadChange change, String preamble) {
        if (change.getClass() != recordingKind || !Objects.equals(preamble, recordingPreamble)) {
            String rowChange = tables.rowChangeSql(change);
            // The CASE's ELSE depends on the count, so the planner cannot fold it into an error up front.
            String sql = "WITH changed AS (" + rowChange + " RETURNING 1) "
                    + historyInsert().replace(" VALUES (", " SELECT ").replace(", ?)", ", ? FROM (SELECT count(*) AS n FROM changed) c"
                    + " WHERE CASE WHEN c.n = 1 THEN true ELSE ('" + CHANGED_UNDER_US + "' || c.n)::boolean END")
                    + "; COMMIT";
            recordingSql = preamble == null ? sql : preamble + "; " + sql;
            recordingKind = change.getClass();
            recordingPreamble = preamble;
        }
        return recordingSql;
    }

    /**
     * What the recording statement makes the server fail with (an invalid boolean, followed by the
     * number of rows its head change touched) when that number is not one.
     */
    private static final String CHANGED_UNDER_US = "strata: the version table changed under this run, rows touched: ";

    /**
     * Writes a step's head change and marks its {@code started} row {@code applied} (a step that may
     * commit part-way has such a row from its start; see {@link #startStep}).
     */
    public void applyAndFinish(HeadChange change, long row, Instant finished) throws SQLException {
        apply(change);
        finishStep(row, "applied", finished, null);
    }

    /**
     * Commits, before a step that may commit part-way runs its first statement, a history row with
     * outcome {@code started}: if the process dies or its session is ended, the row stays and the next
     * run knows the step was interrupted. {@code progress} says how far it got; it is kept up to date
     * with {@link #progress} and the row gets its real outcome from {@link #finishStep}.
     *
     * @return the row's id
     */
    public long startStep(String revision, String direction, String checksum, String message, Instant started,
                          String toolVersion, String progress) throws SQLException {
        String sql = "INSERT INTO " + tables.qualifiedHistoryTable()
                + " (revision, direction, checksum, message, started_at, applied_by, tool_version, outcome, error)"
                + " VALUES (?, ?, ?, ?, ?, current_user || ' via ' || ?, ?, 'started', ?) RETURNING id";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, revision);
            ps.setString(2, direction);
            ps.setString(3, checksum);
            ps.setString(4, message);
            ps.setTimestamp(5, Timestamp.from(started));
            ps.setString(6, APPLIED_BY);
            ps.setString(7, toolVersion);
            ps.setString(8, progress);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Says in a {@code started} row how far its step got (where an interruption now would leave it). */
    public void progress(long row, String progress) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + tables.qualifiedHistoryTable()
                + " SET error = ? WHERE id = ?")) {
            ps.setString(1, progress);
            ps.setLong(2, row);
            ps.executeUpdate();
        }
    }

    /** Gives a {@code started} row its outcome ({@code applied}, {@code failed}, {@code partial}). */
    public void finishStep(long row, String outcome, Instant finished, String error) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + tables.qualifiedHistoryTable()
                + " SET outcome = ?, finished_at = ?, duration_ms = GREATEST(0, (extract(epoch FROM ? - started_at) * 1000)::bigint),"
                + " error = ? WHERE id = ?")) {
            ps.setString(1, outcome);
            ps.setTimestamp(2, Timestamp.from(finished));
            ps.setTimestamp(3, Timestamp.from(finished));
            ps.setString(4, error);
            ps.setLong(5, row);
            ps.executeUpdate();
        }
    }

    /** Replaces every head row at once (stamp). */
    public void replaceHeads(List<String> remove, List<String> add) throws SQLException {
        for (String r : remove) {
            apply(new HeadChange.Delete(r));
        }
        for (String a : add) {
            apply(new HeadChange.Insert(a));
        }
    }

    /** Deletes every head row (stamp --purge). */
    public void purge() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM " + tables.qualifiedVersionTable());
        }
    }

    /**
     * Records one step.
     *
     * @param outcome {@code applied}, {@code failed} (rolled back), {@code partial} (failed outside a
     *                transaction after some statements ran), {@code stamped}, or {@code accepted} (a changed
     *                script accepted with --allow-changed); {@code started} rows are written by {@link #startStep}
     */
    public void recordHistory(String revision, String direction, String checksum, String message, Instant started,
                              Instant finished, String toolVersion, String outcome, String error) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(historyInsert())) {
            bindHistory(ps, 0, revision, direction, checksum, message, started, finished, toolVersion, outcome, error);
            ps.executeUpdate();
        }
    }

    private String historyInsert() {
        return "INSERT INTO " + tables.qualifiedHistoryTable()
                + " (revision, direction, checksum, message, started_at, finished_at, duration_ms, applied_by, tool_version, outcome, error)"
                + " VALUES (?, ?, ?, ?, " + EPOCH_MICROS + ", " + EPOCH_MICROS + ", ?, current_user || ' via ' || ?, ?, ?, ?)";
    }

    /** Binds the history row's values to parameters {@code skip + 1} onwards. */
    private static void bindHistory(PreparedStatement ps, int skip, String revision, String direction, String checksum, String message,
                                    Instant started, Instant finished, String toolVersion, String outcome, String error)
            throws SQLException {
        ps.setString(skip + 1, revision);
        ps.setString(skip + 2, direction);
        ps.setString(skip + 3, checksum);
        ps.setString(skip + 4, message);
        ps.setLong(skip + 5, micros(started));
        ps.setLong(skip + 6, micros(finished));
        ps.setLong(skip + 7, Math.max(0, finished.toEpochMilli() - started.toEpochMilli()));
        ps.setString(skip + 8, APPLIED_BY);
        ps.setString(skip + 9, toolVersion);
        ps.setString(skip + 10, outcome);
        ps.setString(skip + 11, error);
    }

    /**
     * A timestamp parameter as microseconds since the Unix epoch (nanoseconds truncated), whatever the
     * server's DateStyle and time zone. The server multiplies the interval in double precision, which
     * holds every microsecond exactly until the year 2255. The driver's own timestamp binding goes
     * through a Calendar, and Instant.toString through a formatter: each cost more than the rest of a
     * step's recording.
     */
    private static final String EPOCH_MICROS = "(TIMESTAMPTZ 'epoch' + CAST(? AS bigint) * INTERVAL '1 microsecond')";

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    private static final String HOST = lookUpHost();

    /** Who applies a revision, after the database role: the operating-system user at this host. */
    private static final String APPLIED_BY = System.getProperty("user.name", "?") + "@" + HOST;

    /** This machine's host name ("?" if unknown), looked up once a process: the lookup may wait on DNS. */
    public static String hostName() {
        return HOST;
    }

    private static String lookUpHost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** The checksum each revision was last applied (upgraded) with, or last accepted with, by revision. */
    public Map<String, String> appliedChecksums() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        if (!historyExists()) {
            return out;
        }
        String sql = "SELECT DISTINCT ON (revision) revision, checksum FROM " + tables.qualifiedHistoryTable()
                + " WHERE ((direction = 'upgrade' AND outcome = 'applied') OR outcome = 'accepted') AND checksum IS NOT NULL"
                + " ORDER BY revision, id DESC";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /**
     * The last step that failed outside a transaction, or was interrupted there (its row still says
     * {@code started}), and has not been resolved since: no later stamp and no later successful run
     * of the same revision.
     *
     * @param withStarted whether {@code started} rows count: only when no run can be going on (the
     *                    caller holds the migration lock, or no one does)
     */
    public HistoryRow unresolvedPartial(boolean withStarted) throws SQLException {
        if (!historyExists()) {
            return null;
        }
        String h = tables.qualifiedHistoryTable();
        String sql = "SELECT p.id, p.revision, p.direction, p.checksum, p.outcome, coalesce(p.finished_at, p.started_at), p.error,"
                + " p.applied_by FROM " + h + " p"
                + " WHERE p.outcome IN ('partial'" + (withStarted ? ", 'started'" : "") + ") AND NOT EXISTS (SELECT 1 FROM " + h + " l WHERE l.id > p.id"
                + " AND (l.direction = 'stamp' OR (l.revision = p.revision AND l.outcome = 'applied')))"
                + " ORDER BY p.id DESC LIMIT 1";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? row(rs) : null;
        }
    }

    /** The most recent successful upgrade or downgrade, or null. */
    public HistoryRow lastApplied() throws SQLException {
        if (!historyExists()) {
            return null;
        }
        String sql = "SELECT id, revision, direction, checksum, outcome, finished_at, error, applied_by FROM " + tables.qualifiedHistoryTable()
                + " WHERE outcome IN ('applied', 'stamped') ORDER BY id DESC LIMIT 1";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? row(rs) : null;
        }
    }

    private static HistoryRow row(ResultSet rs) throws SQLException {
        Timestamp t = rs.getTimestamp(6);
        return new HistoryRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                t == null ? null : t.toInstant(), rs.getString(7), rs.getString(8));
    }
}
