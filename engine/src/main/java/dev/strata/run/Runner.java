package dev.strata.run;

import dev.strata.plan.Plan;
import dev.strata.plan.Step;
import dev.strata.source.Script;
import dev.strata.source.SqlText;
import dev.strata.source.Statement;
import dev.strata.store.VersionStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Carries out a plan on one connection. A transactional step runs its statements, its head change and
 * its history row in one transaction; a {@code transactional: false} step runs its statements one by
 * one in autocommit, then records itself in a transaction of its own (see {@link StepRun}). A failure
 * stops the run, and so does a {@link Stop} request.
 */
public final class Runner {

    /** What the runner tells its caller as it goes; the engine prints nothing itself. */
    public interface Listener {
        /** The steps about to run, before the first; for progress reports. */
        default void planned(List<Step> steps) {}

        void stepStarting(Step step);

        default void stepDone(Step step, long millis) {}

        /** A notice about the step that is running (an index it rebuilt). */
        default void info(String line) {}
    }

    final String target;
    final Connection connection;
    final VersionStore store;
    private final Function<String, Script.Loaded> scripts;
    final String toolVersion;
    final Listener listener;
    final SessionReset session;
    final Stop stop;
    final Fence fence;

    public Runner(String target, Connection connection, VersionStore store, Function<String, Script.Loaded> scripts,
                  String toolVersion, Listener listener, SessionReset session) {
        this(target, connection, store, scripts, toolVersion, listener, session, Stop.never(), null);
    }

    /**
     * @param stop  asked from another thread to stop the run where it safely can (see {@link Stop})
     * @param fence run in each transaction that records a step, and before a step that may commit
     *              part-way starts: throws unless the run still holds its migration lock; null when
     *              the lock needs none (a session lock, which no one else can hold while it lives)
     */
    public Runner(String target, Connection connection, VersionStore store, Function<String, Script.Loaded> scripts,
                  String toolVersion, Listener listener, SessionReset session, Stop stop, Fence fence) {
        this.stop = stop;
        this.fence = fence;
        this.target = target;
        this.connection = connection;
        this.store = store;
        this.scripts = scripts;
        this.toolVersion = toolVersion;
        this.listener = listener;
        this.session = session;
    }

    /**
     * Runs every step in order, each starting from a freshly reset session: a step that succeeds has
     * reset the session in the transaction that recorded it, and that transaction committed, so the
     * next step starts from a reset session without another round trip.
     */
    public void run(Plan plan) {
        listener.planned(plan.steps());
        for (Step step : plan.steps()) {
            if (stop.requested()) {
                throw stoppedBefore(step);
            }
            runStep(step);
        }
    }

    /** Checks that the run still holds its migration lock (see the constructor). */
    public interface Fence {
        void check() throws SQLException;
    }

    /** The statements that reset the session between steps (RESET ALL and Strata's own settings). */
    public interface SessionReset {
        String sql();
    }

    /** Resets the session on its own (the recording of a step does it in the same round trip). */
    void resetSession() throws SQLException {
        execute(session.sql());
    }

    /** Checks the run's lock, when it needs a check (see the constructor). */
    void checkFence() throws SQLException {
        if (fence != null) {
            fence.check();
        }
    }

    private void runStep(Step step) {
        if (!stop.enterStep()) {
            throw stoppedBefore(step);
        }
        try {
            new StepRun(this, step, scripts.apply(step.revision().id())).run();
        } finally {
            stop.leaveStep();
        }
    }

    private RunStoppedException stoppedBefore(Step step) {
        return new RunStoppedException("stopped by " + stop.reason() + " before revision " + step.revision().id()
                + " started: nothing of it ran, and every revision before it in this run was applied and recorded",
                stop.exitCode());
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

    void execute(String sql) throws SQLException {
        try (java.sql.Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false); // {fn ...} and {d '...'} in a migration are SQL, not JDBC escapes
            s.execute(sql);
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
