package dev.strata.api;

import dev.strata.config.ConnectionSpec;
import dev.strata.config.TargetConfig;
import dev.strata.config.ToolVersion;
import dev.strata.db.DatabaseException;
import dev.strata.db.InvalidIndexes;
import dev.strata.db.LockNames;
import dev.strata.db.LockWait;
import dev.strata.db.MigrationLock;
import dev.strata.db.TargetDatabase;
import dev.strata.error.BadInputException;
import dev.strata.error.StrataException;
import dev.strata.expr.RevisionExpr;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import dev.strata.plan.Direction;
import dev.strata.plan.Plan;
import dev.strata.plan.StampPlan;
import dev.strata.plan.Step;
import dev.strata.run.Runner;
import dev.strata.run.Stop;
import dev.strata.source.Script;
import dev.strata.store.Sql;
import dev.strata.store.VersionStore;
import dev.strata.store.VersionTables;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/** The commands that talk to a target's database: upgrade, downgrade, current, stamp, check, status. */
public final class Online {

    /**
     * How a run behaves.
     *
     * @param connectWait  how long to retry the connection (containers start before their database)
     * @param lockTimeout  how long to wait for another run's lock
     * @param allowChanged run even though applied scripts changed since they ran
     * @param retryPartial rerun a revision that failed half-way outside a transaction
     */
    public record Options(Duration connectWait, Duration lockTimeout, boolean allowChanged, boolean retryPartial) {
        public static Options defaults() {
            return new Options(Duration.ZERO, Duration.ofSeconds(60), false, false);
        }
    }

    /** Where online commands report progress; the engine prints nothing itself. */
    public interface Output extends Runner.Listener {
        void info(String line);
    }

    private final java.util.function.Supplier<Project> projectSource;
    private final TargetConfig target;
    private VersionTables tables;
    private Project project;
    private TargetScope scope;

    public Online(Project project, TargetConfig target) {
        this(() -> project, target);
    }

    /**
     * @param projectSource the project, asked for only once the database is connected: a caller may
     *                      read the scripts on another thread meanwhile
     */
    public Online(java.util.function.Supplier<Project> projectSource, TargetConfig target) {
        this.projectSource = projectSource;
        this.target = target;
        this.tables = new VersionTables(target.schema(), target.versionTable());
    }

    /**
     * The target's tables, qualified with its schema, or with the schema a fresh session resolves
     * unqualified names to, so a revision that changes the search path cannot hide them.
     */
    private VersionStore storeOn(TargetDatabase db) throws SQLException {
        if (target.schema() == null) {
            String schema = db.defaultSchema();
            if (schema != null) {
                tables = new VersionTables(schema, target.versionTable());
            }
        }
        return new VersionStore(db.connection(), tables);
    }

    /** Resolves the project and the target's scope; called after connecting. */
    private void resolve() {
        if (project == null) {
            project = projectSource.get();
            scope = TargetScope.of(project, target);
        }
    }

    public TargetScope scope() {
        resolve();
        return scope;
    }

    // ---- upgrade and downgrade ----------------------------------------------------------------

    /** Moves the target to {@code destination}; returns the plan that ran (empty when there was nothing to do). */
    public Plan move(Direction direction, RevisionExpr destination, Options options, Output out) {
        return move(direction, destination, options, out, Stop.never());
    }

    /**
     * As {@link #move(Direction, RevisionExpr, Options, Output)}, stopping where it safely can when
     * {@code stop} is requested (see {@link Stop}).
     */
    public Plan move(Direction direction, RevisionExpr destination, Options options, Output out, Stop stop) {
        try (TargetDatabase db = TargetDatabase.open(target, options.connectWait(), out::info)) {
            resolve();
            scope.check(project, destination);
            VersionStore store = storeOn(db);
            List<String> heads = LockWait.read(db, ownTables(), options.lockTimeout(), out::info, () -> knownHeads(store.heads()));
            Plan plan = plan(direction, heads, destination);
            if (plan.isEmpty()) {
                return plan; // nothing to do: never wait on another run's lock for nothing
            }
            checkBodies(plan, db);
            List<String> accepted = LockWait.read(db, ownTables(), options.lockTimeout(), out::info, () -> {
                List<String> changed = verifyChecksums(store, heads, options.allowChanged());
                checkPartial(store, options.retryPartial(), false);
                return changed;
            });
            try (MigrationLock lock = MigrationLock.acquire(db, lockNames(), options.lockTimeout(), out::info)) {
                store.ensureTables();
                for (String id : accepted) {
                    // --allow-changed accepts the script as it is now, for later runs too.
                    Instant now = Instant.now();
                    store.recordHistory(id, "checksum", project.script(id).checksum(), "accepted with --allow-changed", now, now,
                            ToolVersion.get(), "accepted", null);
                    out.info("Accepted the changed script of " + id + " (" + project.script(id).origin() + ")");
                }
                List<String> now = knownHeads(store.heads());
                if (!now.equals(heads)) {
                    // Another run moved the target while we waited: plan again from where it is now.
                    plan = plan(direction, now, destination);
                    checkBodies(plan, db);
                }
                // With the lock held no other run is going on, so a step still recorded as started was interrupted.
                checkPartial(store, options.retryPartial(), true);
                for (Step step : plan.steps()) {
                    String irreversible = loaded(step.revision().id()).body().irreversible();
                    if (step.direction() == Direction.UPGRADE && irreversible != null) {
                        out.info("Note: revision " + step.revision().id() + " cannot be downgraded: " + irreversible);
                    }
                }
                plan.warnings().forEach(w -> out.info("Warning: " + w));
                new Runner(target.name(), db.connection(), store, this::loaded, ToolVersion.get(), out, db::resetSql, stop,
                        lock.fences() ? () -> lock.fence(db.connection()) : null).run(plan);
                return plan;
            }
        } catch (SQLException e) {
            throw new DatabaseException(target.name(), TargetDatabase.describe(e));
        }
    }

    private Plan plan(Direction direction, List<String> heads, RevisionExpr destination) {
        return direction == Direction.UPGRADE
                ? scope.planner().upgrade(heads, destination)
                : scope.planner().downgrade(heads, destination);
    }

    /** Scripts read in this run: read once, for both the checks before the lock and the steps. */
    private final Map<String, Script.Loaded> loaded = new java.util.HashMap<>();

    private Script.Loaded loaded(String revision) {
        return loaded.computeIfAbsent(revision, r -> project.script(r).load());
    }

    /** Reads every step's body and refuses what cannot run (see {@link PlanChecks}), before anything runs. */
    private void checkBodies(Plan plan, TargetDatabase db) throws SQLException {
        PlanChecks.check(plan, this::loaded).check(target, db::server);
    }

    /**
     * Applied revisions whose script changed since it ran stop the run, unless allowed.
     *
     * @return the changed revisions the run accepts (with {@code --allow-changed})
     */
    private List<String> verifyChecksums(VersionStore store, List<String> heads, boolean allowChanged) throws SQLException {
        List<String> changed = changedRevisions(store, heads);
        if (!changed.isEmpty() && !allowChanged) {
            throw new ChecksumMismatchException(target.name(),
                    changed.stream().map(id -> id + " (" + project.script(id).origin() + ")").toList());
        }
        return changed;
    }

    /** As {@link #changedRevisions}, each with its file, for reports. */
    private List<String> changedScripts(VersionStore store, List<String> heads) throws SQLException {
        return changedRevisions(store, heads).stream().map(id -> id + " (" + project.script(id).origin() + ")").toList();
    }

    /** Applied revisions (of the current heads) whose script's checksum differs from the recorded one. */
    private List<String> changedRevisions(VersionStore store, List<String> heads) throws SQLException {
        Map<String, String> recorded = store.appliedChecksums();
        List<String> changed = new ArrayList<>();
        if (recorded.isEmpty() || heads.isEmpty()) {
            return changed;
        }
        RevisionGraph g = scope.graph();
        BitSet applied = g.ancestors(scope.planner().resolver().exact(heads), true);
        for (int i = applied.nextSetBit(0); i >= 0; i = applied.nextSetBit(i + 1)) {
            String id = g.id(i);
            String was = recorded.get(id);
            if (was != null && !was.equals(project.script(id).checksum())) {
                changed.add(id);
            }
        }
        return changed;
    }

    /**
     * Refuses to run while a step that failed, or was interrupted, part-way outside a transaction is not
     * resolved.
     *
     * @param withStarted whether a step still recorded as {@code started} counts (only with the lock held)
     */
    private void checkPartial(VersionStore store, boolean retry, boolean withStarted) throws SQLException {
        VersionStore.HistoryRow partial = store.unresolvedPartial(withStarted);
        if (partial != null && !retry) {
            throw new BadInputException("revision " + partial.revision() + " " + partial.partway()
                    + (partial.interrupted() ? ". " : "; the statements before it stayed applied. ")
                    + "Repair the database, then rerun it with --retry-partial, or record where it stands with 'migrate stamp'");
        }
    }

    /** The heads, each of which must be a revision this target's scripts define. */
    private List<String> knownHeads(List<String> heads) {
        for (String h : heads) {
            if (!scope.graph().contains(h)) {
                String elsewhere = project.graph().contains(h)
                        ? " of branch " + String.join(", ", project.graph().labelsOf(h)) + ", which target '" + target.name() + "' does not own"
                        : ", which no script defines";
                throw new BadInputException("target '" + target.name() + "': its version table " + tables.qualifiedVersionTable()
                        + " names revision " + h + elsewhere + " (known heads: " + String.join(", ", scope.graph().heads())
                        + "); if the scripts are right, record where the database really is with 'migrate --db " + target.name()
                        + " stamp --purge REV'");
            }
        }
        return heads;
    }

    /** The names of this target's migration lock (see {@link MigrationLock}). */
    private LockNames lockNames() {
        return new LockNames(tables.qualifiedVersionTable(), tables.qualifiedLeaseTable(), tables.createLeaseStatements());
    }

    /** Strata's own tables on this target, which reads must not wait for in silence. */
    private List<String> ownTables() {
        return List.of(tables.qualifiedVersionTable(), tables.qualifiedHistoryTable());
    }

    // ---- current ------------------------------------------------------------------------------

    /** The target's current heads (exact ids from the version table; empty before the first run). */
    public List<String> current(Options options, Output out) {
        try (TargetDatabase db = TargetDatabase.open(target, options.connectWait(), out::info)) {
            VersionStore store = storeOn(db);
            return LockWait.read(db, ownTables(), options.lockTimeout(), out::info, store::heads);
        } catch (SQLException e) {
            throw new DatabaseException(target.name(), TargetDatabase.describe(e));
        }
    }

    // ---- taking over from Alembic ----------------------------------------------------------------

    /**
     * The heads Alembic recorded in {@code table} ({@code alembic_version}, or {@code schema.table}), each
     * of which must be a revision of this project (imported with {@code migrate import alembic}).
     */
    public List<String> alembicHeads(String table, Options options, Output out) {
        try (TargetDatabase db = TargetDatabase.open(target, options.connectWait(), out::info)) {
            resolve();
            List<String> heads = new ArrayList<>();
            int dot = table.indexOf('.');
            String qualified = dot < 0 ? Sql.identifier(table)
                    : Sql.identifier(table.substring(0, dot)) + "." + Sql.identifier(table.substring(dot + 1));
            try (java.sql.PreparedStatement exists = db.connection().prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                exists.setString(1, qualified);
                try (java.sql.ResultSet rs = exists.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        throw new BadInputException("target '" + target.name() + "' has no table " + table
                                + ": Alembic did not migrate this database, or keeps its version table elsewhere (--from-alembic SCHEMA.TABLE)");
                    }
                }
            }
            String sql = "SELECT version_num FROM " + qualified + " ORDER BY version_num";
            try (java.sql.Statement s = db.connection().createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    heads.add(rs.getString(1));
                }
            }
            for (String h : heads) {
                if (!scope.graph().contains(h)) {
                    throw new BadInputException(table + " names revision " + h + ", which "
                            + (project.graph().contains(h) ? "target '" + target.name() + "' does not own (branch "
                                    + String.join(", ", project.graph().labelsOf(h)) + ")"
                                    : "no script of this project defines: import the Alembic project first (migrate import alembic DIR)"));
                }
            }
            return heads;
        } catch (SQLException e) {
            throw new DatabaseException(target.name(), TargetDatabase.describe(e));
        }
    }

    // ---- stamp --------------------------------------------------------------------------------

    /** What a stamp did. */
    public record Stamped(List<String> before, List<String> after) {}

    /**
     * Records that the database is at {@code revisions} without running anything: current heads that
     * share lineage with a stamped revision are replaced by it; {@code purge} first deletes every row.
     */
    public Stamped stamp(List<RevisionExpr> revisions, boolean purge, Options options, Output out) {
        resolve();
        revisions.forEach(r -> scope.check(project, r));
        try (TargetDatabase db = TargetDatabase.open(target, options.connectWait(), out::info)) {
            VersionStore store = storeOn(db);
            try (MigrationLock lock = MigrationLock.acquire(db, lockNames(), options.lockTimeout(), out::info)) {
                store.ensureTables();
                List<String> before = store.heads();
                StampPlan plan = scope.planner().stamp(purge ? List.of() : knownHeads(before), revisions);
                db.connection().setAutoCommit(false);
                try {
                    if (purge) {
                        store.purge();
                    }
                    lock.fence(db.connection());
                    store.replaceHeads(plan.remove(), plan.add());
                    Instant now = Instant.now();
                    for (String r : plan.recorded()) {
                        String checksum = r.equals("base") ? null : project.script(r).checksum();
                        store.recordHistory(r, "stamp", checksum, "stamp " + String.join(", ", before) + " -> "
                                + String.join(", ", plan.after()), now, now, ToolVersion.get(), "stamped", null);
                    }
                    db.connection().commit();
                } catch (SQLException e) {
                    db.connection().rollback();
                    throw e;
                } finally {
                    db.connection().setAutoCommit(true);
                }
                return new Stamped(before, plan.after());
            }
        } catch (SQLException e) {
            throw new DatabaseException(target.name(), TargetDatabase.describe(e));
        }
    }

    // ---- check and status -----------------------------------------------------------------------

    /**
     * Where a target stands.
     *
     * @param target      the target's name
     * @param url         its URL, password masked
     * @param reachable   whether it answered
     * @param error       why not, or null
     * @param heads       its current heads
     * @param pending     revisions an upgrade to its branch's head would run, in order
     * @param changed     applied revisions whose script changed since it ran
     * @param lastApplied the latest applied step, or null
     * @param partial     a step that failed part-way outside a transaction, or was interrupted there (its row
     *                    says {@code started} and no run holds the lock), and is not resolved, or null
     * @param invalidIndexes indexes left invalid by a failed or interrupted CREATE INDEX CONCURRENTLY
     *                    ("schema.index on table")
     */
    public record Status(String target, String url, boolean reachable, String error, List<String> heads,
                         List<Revision> pending, List<String> changed, VersionStore.HistoryRow lastApplied,
                         VersionStore.HistoryRow partial, List<String> invalidIndexes) {

        /** An unreachable (or unusable) target. */
        public static Status failed(String target, String url, String error) {
            return new Status(target, url, false, error, List.of(), List.of(), List.of(), null, null, List.of());
        }
    }

    /** The target's status; an unreachable target, or one whose state the scripts do not explain, is reported, not thrown. */
    public Status status(Options options, Output out) {
        ConnectionSpec spec;
        try {
            spec = ConnectionSpec.of(target);
        } catch (StrataException e) {
            return Status.failed(target.name(), "?", e.getMessage());
        }
        String url = spec.display();
        try (TargetDatabase db = TargetDatabase.open(target, options.connectWait(), out::info)) {
            resolve();
            VersionStore store = storeOn(db);
            return LockWait.read(db, ownTables(), options.lockTimeout(), out::info, () -> status(db, store, url));
        } catch (DatabaseException e) {
            return Status.failed(target.name(), url, e.getMessage());
        } catch (SQLException e) {
            return Status.failed(target.name(), url, spec.secrets().scrub(TargetDatabase.describe(e)));
        }
    }

    private Status status(TargetDatabase db, VersionStore store, String url) throws SQLException {
        List<String> raw = store.heads();
        // A step recorded as started is going on while another session holds the migration lock; else it was interrupted.
        VersionStore.HistoryRow partial = store.unresolvedPartial(!MigrationLock.isHeld(db, lockNames()));
        List<String> invalid = InvalidIndexes.list(db.connection()).stream().map(InvalidIndexes.Index::toString).toList();
        try {
            List<String> heads = knownHeads(raw);
            Plan plan = scope.planner().upgrade(heads, RevisionExpr.parse("heads"));
            List<Revision> pending = plan.steps().stream().map(Step::revision).toList();
            return new Status(target.name(), url, true, null, heads, pending, changedScripts(store, heads),
                    store.lastApplied(), partial, invalid);
        } catch (BadInputException e) {
            // Reachable, but at a state the scripts do not explain (a broken chain).
            return new Status(target.name(), url, true, e.getMessage(), raw, List.of(), List.of(), store.lastApplied(), partial, invalid);
        }
    }
}
