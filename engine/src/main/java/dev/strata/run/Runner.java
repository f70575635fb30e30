package dev.strata.run;

import dev.strata.db.DatabaseException;
import dev.strata.plan.Direction;
import dev.strata.plan.Plan;
import dev.strata.plan.Step;
import dev.strata.source.ScriptBody;
import dev.strata.source.Script;
import dev.strata.source.SqlText;
import dev.strata.source.Statement;
import dev.strata.store.VersionStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Carries out a plan on one connection. A transactional step runs its statements, its head change and
 * its history row in one transaction; a {@code transactional: false} step runs its statements one by
 * one in autocommit, then records itself in a transaction of its own. A failure stops the run.
 */
public final class Runner {

    /** What the runner tells its caller as it goes; the engine prints nothing itself. */
    public interface Listener {
        /** The steps about to run, before the first; for progress reports. */
        default void planned(List<Step> steps) {}

        void stepStarting(Step step);

        default void stepDone(Step step, long millis) {}
    }

    private final String target;
    private final Connection connection;
    private final VersionStore store;
    private final Function<String, Script.Loaded> scripts;
    private final String toolVersion;
    private final Listener listener;
    private final SessionReset session;

    public Runner(String target, Connection connection, VersionStore store, Function<String, Script.Loaded> scripts,
                  String toolVersion, Listener listener, SessionReset session) {
        this.target = target;
        this.connection = connection;
        this.store = store;
        this.scripts = scripts;
        this.toolVersion = toolVersion;
        this.listener = listener;
        this.session = session;
    }

    /** Runs every step in order, each starting from a freshly reset session. */
    public void run(Plan plan) {
        listener.planned(plan.steps());
        for (Step step : plan.steps()) {
            runStep(step);
            try {
                session.run();
            } catch (SQLException e) {
                throw new DatabaseException(target, "cannot reset the session after revision " + step.revision().id() + ": " + describe(e));
            }
        }
    }

    /** Resets the session between steps (RESET ALL and Strata's own settings). */
    public interface SessionReset {
        void run() throws SQLException;
    }

    private void runStep(Step step) {
        Script.Loaded loaded = scripts.apply(step.revision().id());
        ScriptBody body = loaded.body();
        List<Statement> statements = step.direction() == Direction.UPGRADE ? body.upgrade() : body.downgrade();
        String checksum = loaded.checksum();
        String file = loaded.script().origin();
        List<Unit> units = Unit.of(step, statements);
        listener.stepStarting(step);
        Instant started = Instant.now();
        int done = 0; // statements that ran and stay applied
        try {
            for (int u = 0; u < units.size(); u++) {
                Unit unit = units.get(u);
                boolean last = u == units.size() - 1;
                if (unit.transactional()) {
                    connection.setAutoCommit(false);
                    int i = unit.from();
                    try {
                        for (; i < unit.to(); i++) {
                            execute(statements.get(i).sql());
                        }
                        if (last) {
                            recordAndCommit(step, checksum, started);
                        } else {
                            connection.commit();
                        }
                    } catch (SQLException e) {
                        rollback();
                        if (i < unit.to()) {
                            throw failed(step, checksum, started, file, statements, i, done, e);
                        }
                        if (done > 0) {
                            recordFailure(step, checksum, started, "partial", "recording failed: " + describe(e));
                            throw new DatabaseException(target, "revision " + step.revision().id() + ": statements 1-" + done
                                    + " ran and stay applied, but its last part and its recording failed and were rolled back: "
                                    + describe(e) + "; repair, then run again with --retry-partial, or record it with 'migrate stamp'");
                        }
                        throw new DatabaseException(target, "recording revision " + step.revision().id() + " failed and was rolled back: "
                                + describe(e));
                    } finally {
                        connection.setAutoCommit(true);
                    }
                    done = unit.to();
                } else {
                    for (int i = unit.from(); i < unit.to(); i++) {
                        try {
                            execute(statements.get(i).sql());
                        } catch (SQLException e) {
                            throw failed(step, checksum, started, file, statements, i, done, e);
                        }
                        done = i + 1;
                    }
                }
            }
            if (units.isEmpty() || !units.get(units.size() - 1).transactional()) {
                connection.setAutoCommit(false);
                try {
                    recordAndCommit(step, checksum, started);
                } catch (SQLException e) {
                    rollback();
                    throw new DatabaseException(target, "revision " + step.revision().id()
                            + (units.isEmpty() ? "" : " ran (outside a transaction) but") + " recording it failed: " + describe(e)
                            + "; record it with 'migrate stamp " + step.to().stream().findFirst().orElse("base") + "'");
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException(target, describe(e));
        }
        listener.stepDone(step, Instant.now().toEpochMilli() - started.toEpochMilli());
    }

    /**
     * Statement {@code i} failed; the {@code done} statements before it stay applied (they ran in
     * autocommit or in a transaction that committed). Records the failure and says what stays.
     */
    private MigrationFailedException failed(Step step, String checksum, Instant started, String file, List<Statement> statements,
                                            int i, int done, SQLException e) {
        Statement failed = statements.get(i);
        String error = describe(e);
        recordFailure(step, checksum, started, done == 0 ? "failed" : "partial",
                "statement " + (i + 1) + ", line " + lineOf(failed, e) + ": " + error);
        String state;
        if (done == 0) {
            state = step.transactional() && failed.inTransaction()
                    ? "the revision was rolled back; the database stays where it was before it"
                    : "nothing of it ran (" + (step.transactional() ? "statement " + (i + 1) + " runs outside a transaction" : "it is transactional: false") + ")";
        } else {
            state = (done == 1 ? "statement 1 ran and stays" : "statements 1-" + done + " ran and stay") + " applied, as "
                    + (step.transactional() ? "part of the revision runs outside a transaction" : "the script is transactional: false")
                    + "; repair the database, then run again with --retry-partial to rerun the revision, "
                    + "or record where it stands with 'migrate stamp'";
        }
        return new MigrationFailedException(step.revision().id(), file, i + 1, lineOf(failed, e), error, state);
    }

    /**
     * A run of statements that share a transaction, or (not transactional) run one by one in
     * autocommit: statements {@code from} (inclusive) to {@code to} (exclusive).
     */
    record Unit(boolean transactional, int from, int to) {

        /**
         * A transactional step's statements that may run in a transaction are grouped in one per run
         * of them; any other statement runs alone, in autocommit, in order.
         */
        static List<Unit> of(Step step, List<Statement> statements) {
            List<Unit> units = new java.util.ArrayList<>();
            int i = 0;
            while (i < statements.size()) {
                boolean tx = step.transactional() && statements.get(i).inTransaction();
                int j = i + 1;
                while (j < statements.size() && (step.transactional() && statements.get(j).inTransaction()) == tx) {
                    j++;
                }
                units.add(new Unit(tx, i, j));
                i = j;
            }
            if (units.isEmpty() && step.transactional()) {
                units.add(new Unit(true, 0, 0)); // nothing to run: record in a transaction of its own
            }
            return units;
        }
    }

    /** Writes the step's head change and history row, from a reset session, and commits. */
    private void recordAndCommit(Step step, String checksum, Instant started) throws SQLException {
        session.run(); // the revision's SET ROLE or search_path must not decide how Strata records it
        store.applyAndRecord(step.change(), step.revision().id(), step.direction().word(), checksum,
                step.revision().message(), started, Instant.now(), toolVersion);
        connection.commit();
    }

    private void execute(String sql) throws SQLException {
        try (java.sql.Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false); // {fn ...} and {d '...'} in a migration are SQL, not JDBC escapes
            s.execute(sql);
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the server rolls back on its own
        }
    }

    /** Writes the failure in its own transaction (the step's was rolled back); never hides the failure. */
    private void recordFailure(Step step, String checksum, Instant started, String outcome, String error) {
        try {
            connection.setAutoCommit(true);
            session.run();
            store.recordHistory(step.revision().id(), step.direction().word(), checksum, step.revision().message(),
                    started, Instant.now(), toolVersion, outcome, error);
        } catch (SQLException ignored) {
            // recording is best effort; the error being reported matters more
        }
    }

    /** The server's message in one line: severity, text, SQL state, and its detail or hint. */
    static String describe(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            StringBuilder s = new StringBuilder();
            s.append(m.getSeverity() == null ? "ERROR" : m.getSeverity()).append(": ").append(m.getMessage());
            if (m.getSQLState() != null) {
                s.append(" (SQLSTATE ").append(m.getSQLState()).append(')');
            }
            if (m.getDetail() != null) {
                s.append(" - ").append(m.getDetail());
            }
            if (m.getHint() != null) {
                s.append(" - hint: ").append(m.getHint());
            }
            return s.toString().replace('\n', ' ').replaceAll("\\.+$", "");
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace('\n', ' ');
    }

    /** The file line the server pointed at, or the statement's first line. */
    static int lineOf(Statement st, SQLException e) {
        if (!(e instanceof PSQLException p) || p.getServerErrorMessage() == null || p.getServerErrorMessage().getPosition() <= 0) {
            return st.line();
        }
        String sql = st.sql();
        int pos = Math.min(p.getServerErrorMessage().getPosition() - 1, sql.length());
        return st.line() + newlines(sql, 0, pos) - newlines(sql, 0, SqlText.firstToken(sql));
    }

    private static int newlines(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
