package dev.strata.run;

import dev.strata.db.DatabaseException;
import dev.strata.db.InvalidIndexes;
import dev.strata.plan.Direction;
import dev.strata.plan.Step;
import dev.strata.source.Script;
import dev.strata.source.Statement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.postgresql.core.BaseConnection;

/**
 * One step of a run, from its first statement to its history row.
 *
 * <p>A step that may commit part-way (a {@code transactional: false} script, or a Java migration with a
 * statement that runs outside a transaction) first commits a history row saying it {@code started},
 * and before each statement writes into it where the step stands. Whatever stops it then (a failure,
 * a signal, kill -9, its session ended), the row says how far it got: it gets its outcome when the
 * step ends, and keeps {@code started} when the process could not say more, which the next run reads
 * as an interruption.
 */
final class StepRun {

    private final Runner r;
    private final Step step;
    private final List<Statement> statements;
    private final String checksum;
    private final String file;
    private final List<Runner.Unit> units;
    private Instant started;
    private Long row; // the step's started row, if it may commit part-way
    private List<InvalidIndexes.Index> invalidBefore; // if it runs statements outside a transaction
    private int done; // statements that ran and stay applied

    StepRun(Runner runner, Step step, Script.Loaded loaded) {
        this.r = runner;
        this.step = step;
        this.statements = step.direction() == Direction.UPGRADE ? loaded.body().upgrade() : loaded.body().downgrade();
        this.checksum = loaded.checksum();
        this.file = loaded.script().origin();
        this.units = Runner.Unit.of(step, statements);
    }

    private String id() {
        return step.revision().id();
    }

    private boolean mayCommitPartway() {
        return units.size() > 1 || (units.size() == 1 && !units.get(0).transactional());
    }

    void run() {
        r.listener.stepStarting(step);
        started = Instant.now();
        if (mayCommitPartway()) {
            try {
                r.checkFence();
                row = r.store.startStep(id(), step.direction().word(), checksum, step.revision().message(), started,
                        r.toolVersion, progressAt(0));
                if (units.stream().anyMatch(u -> !u.transactional())) {
                    invalidBefore = InvalidIndexes.list(r.connection);
                }
            } catch (SQLException e) {
                throw new DatabaseException(r.target, "revision " + id() + ": cannot record that it starts: " + Runner.describe(e)
                        + "; nothing of it ran");
            }
        }
        try {
            for (int u = 0; u < units.size(); u++) {
                Runner.Unit unit = units.get(u);
                if (unit.transactional()) {
                    inTransaction(unit, u == units.size() - 1);
                } else {
                    inAutocommit(unit);
                    rebuildInvalidIndexes(unit);
                }
            }
            if (units.isEmpty() || !units.get(units.size() - 1).transactional()) {
                recordAlone();
            }
        } catch (SQLException e) {
            throw new DatabaseException(r.target, "revision " + id() + ": " + Runner.describe(e));
        }
        r.listener.stepDone(step, Instant.now().toEpochMilli() - started.toEpochMilli());
    }

    // ---- statements ---------------------------------------------------------------------------

    private void inAutocommit(Runner.Unit unit) {
        for (int i = unit.from(); i < unit.to(); i++) {
            if (r.stop.requested()) {
                throw stopped("before statement " + (i + 1), false);
            }
            try {
                progress(i);
                r.execute(statements.get(i).sql());
            } catch (SQLException e) {
                throw failed(i, e);
            }
            done = i + 1;
        }
    }

    private void inTransaction(Runner.Unit unit, boolean last) throws SQLException {
        try {
            progress(unit.from());
        } catch (SQLException e) {
            throw failed(unit.from(), e);
        }
        r.connection.setAutoCommit(false);
        r.stop.cancelWith(this::cancel);
        try {
            transaction(unit, last);
        } catch (RuntimeException | SQLException t) {
            r.stop.cancelWith(null);
            backToAutocommit(t);
            throw t;
        }
        r.stop.cancelWith(null);
        backToAutocommit(null);
        done = unit.to();
    }

    private void transaction(Runner.Unit unit, boolean last) throws SQLException {
        int i = unit.from();
        try {
            for (; i < unit.to(); i++) {
                if (r.stop.requested()) {
                    rollback();
                    throw stopped("before statement " + (i + 1), true);
                }
                r.execute(statements.get(i).sql());
            }
            if (r.stop.requested()) {
                rollback();
                throw stopped("before its transaction committed", true);
            }
            if (last) {
                recordAndCommit();
            } else {
                r.connection.commit();
            }
        } catch (SQLException e) {
            rollback();
            if (i < unit.to()) {
                throw failed(i, e);
            }
            if (r.stop.requested()) {
                throw stopped("while recording it, which was cancelled", true);
            }
            if (done > 0) {
                finish("partial", "recording failed: " + Runner.describe(e));
                throw new DatabaseException(r.target, "revision " + id() + ": " + ran(done)
                        + " ran and stay applied, but its last part and its recording failed and were rolled back: "
                        + Runner.describe(e) + "; repair, then run again with --retry-partial, or record it with 'migrate stamp'");
            }
            throw new DatabaseException(r.target, "recording revision " + id() + " failed and was rolled back: " + Runner.describe(e));
        }
    }

    /**
     * An index this run of statements left invalid, or one they name that was invalid already (the
     * remains of an interrupted {@code CREATE INDEX CONCURRENTLY}, which {@code IF NOT EXISTS} skips), is
     * rebuilt in place; if that fails the step stops, recorded as partial, rather than count as applied.
     */
    private void rebuildInvalidIndexes(Runner.Unit unit) throws SQLException {
        List<Statement> ran = statements.subList(unit.from(), unit.to());
        List<InvalidIndexes.Index> invalid = InvalidIndexes.list(r.connection);
        for (InvalidIndexes.Index index : invalid) {
            if (invalidBefore.contains(index) && ran.stream().noneMatch(st -> index.namedIn(st.sql()))) {
                continue; // not this revision's business; check and status report it
            }
            r.listener.info("Rebuilding index " + index + ": it is invalid (a CREATE INDEX CONCURRENTLY failed or was interrupted)");
            try {
                r.execute(InvalidIndexes.reindex(index));
            } catch (SQLException e) {
                String error = Runner.describe(e);
                dropLeftovers(index, invalid);
                finish("partial", "index " + index.qualifiedName() + " is invalid and rebuilding it failed: " + error);
                throw new InvalidIndexException("revision " + id() + " (" + file + ") left index " + index + " invalid (a CREATE INDEX"
                        + " CONCURRENTLY failed or was interrupted; IF NOT EXISTS skips such an index) and rebuilding it failed: "
                        + error + "; " + ran(done) + (done == 1 ? " ran and stays" : " ran and stay")
                        + " applied (recorded as partial): repair the data, or drop the index"
                        + " (DROP INDEX CONCURRENTLY " + index.qualifiedName() + "), then run again with --retry-partial");
            }
        }
    }

    /** A failed REINDEX CONCURRENTLY leaves its new copy behind, invalid too (index_ccnew): drop it, best effort. */
    private void dropLeftovers(InvalidIndexes.Index index, List<InvalidIndexes.Index> before) {
        try {
            for (InvalidIndexes.Index copy : InvalidIndexes.list(r.connection)) {
                if (!before.contains(copy) && copy.table().equals(index.table())) {
                    r.execute("DROP INDEX CONCURRENTLY IF EXISTS " + copy.qualifiedName());
                }
            }
        } catch (SQLException ignored) {
            // check and status report what is left
        }
    }

    /** Every statement ran outside a transaction (or there were none): records the step in a transaction of its own. */
    private void recordAlone() throws SQLException {
        if (row != null) {
            progress(statements.size());
        }
        r.connection.setAutoCommit(false);
        try {
            recordAndCommit();
        } catch (SQLException e) {
            rollback();
            DatabaseException d = new DatabaseException(r.target, "revision " + id()
                    + (units.isEmpty() ? "" : " ran (outside a transaction) but") + " recording it failed: " + Runner.describe(e)
                    + (row != null && lost(e) ? "; the history table says it started, and the next run reports it as interrupted" : "")
                    + "; record it with 'migrate stamp " + step.to().stream().findFirst().orElse("base") + "'");
            backToAutocommit(d);
            throw d;
        }
        backToAutocommit(null);
    }

    /**
     * Writes the step's head change and history row, from a reset session, and commits: in one round
     * trip with the reset when no fence must run in between and the step has no started row.
     */
    private void recordAndCommit() throws SQLException {
        // The revision's SET ROLE or search_path must not decide how Strata records it: the session is
        // reset first, in the recording's own round trip unless a fence must run in between.
        String reset = null;
        if (r.fence != null || row != null) {
            r.resetSession();
            r.checkFence();
        } else {
            reset = r.session.sql();
        }
        if (row != null) {
            r.store.applyAndFinish(step.change(), row, Instant.now());
            r.connection.commit();
        } else {
            r.store.recordAndCommit(step.change(), id(), step.direction().word(), checksum, step.revision().message(), started,
                    Instant.now(), r.toolVersion, reset);
        }
    }

    // ---- where the step stands ------------------------------------------------------------------

    /** Writes into the started row where the step stands while statement {@code i} (0-based) runs. */
    private void progress(int i) throws SQLException {
        if (row != null) {
            r.store.progress(row, progressAt(i));
        }
    }

    private String progressAt(int i) {
        if (i >= statements.size()) {
            return "after all " + statements.size() + " statements had completed, before the revision was recorded";
        }
        return "in statement " + (i + 1) + " of " + statements.size() + " (line " + statements.get(i).line() + "); "
                + (done == 0 ? "no statement had completed" : ran(done) + " had completed");
    }

    private static String ran(int n) {
        return n == 1 ? "statement 1" : "statements 1-" + n;
    }

    // ---- how it ended -------------------------------------------------------------------------

    /**
     * Statement {@code i} failed; the {@code done} statements before it stay applied (they ran in
     * autocommit or in a transaction that committed). Records the failure and says what stays.
     */
    private RuntimeException failed(int i, SQLException e) {
        Statement failed = statements.get(i);
        boolean inTx = step.transactional() && failed.inTransaction();
        int line = Runner.lineOf(failed, e);
        String error = Runner.describe(e);
        if (inTx && r.stop.requested()) {
            return stopped("in statement " + (i + 1) + " (line " + line + "), which was cancelled", true);
        }
        String outcome = done == 0 ? "failed" : "partial";
        finish(outcome, "statement " + (i + 1) + ", line " + line + ": " + error);
        String state;
        if (lost(e)) {
            state = "the connection was lost";
            if (inTx) {
                state += ", so the revision's transaction never committed and was rolled back";
                state += done == 0 ? "; the database stays where it was before it"
                        : "; " + ran(done) + " ran outside a transaction and stay applied" + interruptedAdvice();
            } else {
                state += " before statement " + (i + 1) + " completed (a CREATE INDEX CONCURRENTLY in it leaves an invalid index); "
                        + (done == 0 ? "no statement of it had completed" : ran(done) + " ran and stay" + (done == 1 ? "s" : "") + " applied")
                        + interruptedAdvice();
            }
        } else if (done == 0) {
            state = inTx
                    ? "the revision was rolled back; the database stays where it was before it"
                    : "nothing of it ran (" + (step.transactional() ? "statement " + (i + 1) + " runs outside a transaction" : "it is transactional: false") + ")";
        } else {
            state = (done == 1 ? "statement 1 ran and stays" : "statements 1-" + done + " ran and stay") + " applied, as "
                    + (step.transactional() ? "part of the revision runs outside a transaction" : "the script is transactional: false")
                    + "; repair the database, then run again with --retry-partial to rerun the revision, "
                    + "or record where it stands with 'migrate stamp'";
        }
        MigrationFailedException f = new MigrationFailedException(id(), file, i + 1, line, error, state);
        f.initCause(e);
        return f;
    }

    private String interruptedAdvice() {
        return "; the history table records the revision as started, and the next run reports it as interrupted: repair the "
                + "database, then run again with --retry-partial, or record where it stands with 'migrate stamp'";
    }

    /** The run stops on request; {@code where} says where in the step, {@code rolledBack} whether a transaction was undone. */
    private RunStoppedException stopped(String where, boolean rolledBack) {
        String reason = r.stop.reason();
        finish(done == 0 ? "failed" : "partial", "stopped by " + reason + " " + where + (rolledBack ? "; rolled back" : ""));
        StringBuilder s = new StringBuilder("stopped by " + reason + ": revision " + id() + " (" + file + ") ");
        if (rolledBack) {
            s.append("was rolled back ").append(where).append(done == 0 ? "; the database stays where it was before it"
                    : "; but " + ran(done) + " ran outside a transaction and stay applied (recorded as partial)");
        } else {
            s.append("stopped ").append(where).append(done == 0 ? "; nothing of it ran"
                    : ": " + ran(done) + " of " + statements.size() + " ran and stay applied, as the script is transactional: false"
                    + " (recorded as partial); run again with --retry-partial to rerun the revision from its first statement, or"
                    + " finish it by hand and record it with 'migrate stamp " + step.to().stream().findFirst().orElse("base") + "'");
        }
        s.append("; the revisions before it in this run stay applied");
        return new RunStoppedException(s.toString(), r.stop.exitCode());
    }

    /** The server ended the session, or the connection broke: nothing more can be written on it. */
    private static boolean lost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    /** Records how the step ended, on its started row or a new one; best effort, never hides the failure. */
    private void finish(String outcome, String error) {
        try {
            r.connection.setAutoCommit(true);
            r.resetSession();
            if (row != null) {
                r.store.finishStep(row, outcome, Instant.now(), error);
            } else {
                r.store.recordHistory(id(), step.direction().word(), checksum, step.revision().message(), started, Instant.now(),
                        r.toolVersion, outcome, error);
            }
        } catch (SQLException ignored) {
            // the connection is gone: the started row, if any, says where the step stood
        }
    }

    private void rollback() {
        try {
            r.connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the server rolls back on its own
        }
    }

    /** Back to autocommit; a failure here never hides the one on its way out ({@code pending}), it is suppressed in it. */
    private void backToAutocommit(Throwable pending) throws SQLException {
        try {
            r.connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (pending == null) {
                throw e;
            }
            pending.addSuppressed(e);
        }
    }

    /** Cancels the statement running in the step's transaction (from the thread that asked the run to stop). */
    private void cancel() {
        try {
            r.connection.unwrap(BaseConnection.class).cancelQuery();
        } catch (SQLException ignored) {
            // the statement ends anyway, or the connection is gone
        }
    }
}
