package dev.strata.api;

import dev.strata.catalog.CatalogReader;
import dev.strata.config.ConnectionSpec;
import dev.strata.config.TargetConfig;
import dev.strata.db.DatabaseException;
import dev.strata.db.TargetDatabase;
import dev.strata.diff.Diff;
import dev.strata.diff.Renames;
import dev.strata.diff.SchemaDiff;
import dev.strata.error.BadInputException;
import dev.strata.error.StrataException;
import dev.strata.expr.RevisionExpr;
import dev.strata.plan.Direction;
import dev.strata.run.Stop;
import dev.strata.scratch.DesiredSchema;
import dev.strata.scratch.ScratchDatabase;
import dev.strata.schema.Catalog;
import dev.strata.schema.QualifiedName;
import dev.strata.store.VersionTables;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Autogenerate's comparisons, each returning a {@link Diff}: the live target against its desired
 * schema ({@code revision --autogenerate}, {@code diff}, {@code check}), the live target against what
 * its applied scripts build ({@code diff --drift}), and any two databases ({@code diff --from --to}).
 * Strata's version and history tables are never part of a comparison.
 */
public final class Autogenerate {

    /** The target is behind the heads of its branch: a generated revision would repeat pending ones. */
    public static final class NotUpToDateException extends StrataException {
        public NotUpToDateException(String target, List<String> pending) {
            super("target '" + target + "' is not up to date: " + pending.size() + " pending "
                    + (pending.size() == 1 ? "revision" : "revisions") + " (" + String.join(", ", pending)
                    + "); run 'migrate upgrade' first, so the new revision builds on them");
        }

        @Override
        public Kind kind() {
            return Kind.CHECK_FAILED;
        }
    }

    /** A comparison and the rename hints the desired SQL carried. */
    public record Result(Diff diff, List<String> heads) {}

    private final java.util.function.Supplier<Project> project;
    private final TargetConfig target;

    public Autogenerate(java.util.function.Supplier<Project> project, TargetConfig target) {
        this.project = project;
        this.target = target;
    }

    /**
     * Live target (from) against the desired schema (to).
     *
     * @param requireHead refuse unless the target is at the heads of its branch
     * @param hints       {@code --rename} hints; the desired SQL's {@code renamed_from} comments are added
     */
    public Result desired(Online.Options options, Online.Output out, boolean requireHead, List<String> hints) {
        DesiredSchema desired = DesiredSchema.read("targets." + target.name() + ".desired_schema", target.desiredSchema());
        Renames renames = renames(hints, desired.renames());
        List<String> heads = List.of();
        if (requireHead) {
            Online.Status s = new Online(project, target).status(options, out);
            if (!s.reachable()) {
                throw new DatabaseException(target.name(), s.error().replaceFirst("^target '[^']*': ", ""));
            }
            if (s.error() != null) {
                throw new BadInputException(s.error());
            }
            if (!s.pending().isEmpty()) {
                throw new NotUpToDateException(target.name(), s.pending().stream().map(r -> r.id()).toList());
            }
            heads = s.heads();
        }
        // One session at a time: bin/tsdb (PGlite) serves only one, and the scratch database may be on it.
        Catalog live = live(options, out);
        try (ScratchDatabase scratch = ScratchDatabase.open(target.name(), ConnectionSpec.scratch(target), ConnectionSpec.of(target),
                desired)) {
            scratch.replay(desired);
            scratch.release(); // a fresh session: a SET the desired SQL ran must not change how the catalog reads
            Catalog wanted = read(scratch.connection(), ignored(scratch.connection()));
            return new Result(SchemaDiff.compare(live, wanted, renames), heads);
        }
    }

    private Catalog live(Online.Options options, Online.Output out) {
        try (TargetDatabase db = TargetDatabase.open(target, options.connectWait(), out::info)) {
            return read(db.connection(), ignored(db.connection()));
        }
    }

    /** What the applied revisions' scripts build (from, replayed into the scratch database) against the live target (to). */
    public Result drift(Online.Options options, Online.Output out, Stop stop) {
        Online.Status s = new Online(project, target).status(options, out);
        if (!s.reachable()) {
            throw new DatabaseException(target.name(), s.error().replaceFirst("^target '[^']*': ", ""));
        }
        if (s.error() != null) {
            throw new BadInputException(s.error());
        }
        Catalog live = live(options, out);
        try (ScratchDatabase scratch = ScratchDatabase.open(target.name(), ConnectionSpec.scratch(target), ConnectionSpec.of(target))) {
            ConnectionSpec spec = scratch.spec();
            TargetConfig replica = new TargetConfig(target.name() + "_scratch", spec.jdbcUrl(), spec.user(), spec.password(),
                    target.branch(), target.dialect(), target.schema(), target.versionTable(), null);
            Online replay = new Online(project, replica);
            scratch.release();
            for (String head : s.heads()) {
                replay.move(Direction.UPGRADE, RevisionExpr.parse(head), options, out, stop);
            }
            Catalog built = read(scratch.connection(), ignored(scratch.connection()));
            return new Result(SchemaDiff.compare(built, live, Renames.none()), s.heads());
        }
    }

    /** Any two databases; version and history tables of this target's naming are left out of both. */
    public static Diff between(ConnectionSpec from, ConnectionSpec to, String schema, String versionTable) {
        Catalog a = readUrl("--from", from, schema, versionTable);
        Catalog b = readUrl("--to", to, schema, versionTable);
        return SchemaDiff.compare(a, b, Renames.none());
    }

    private static Catalog readUrl(String what, ConnectionSpec spec, String schema, String versionTable) {
        Properties p = new Properties();
        if (spec.user() != null) {
            p.setProperty("user", spec.user());
        }
        if (spec.password() != null) {
            p.setProperty("password", spec.password());
        }
        p.setProperty("ApplicationName", "strata diff");
        try (Connection c = DriverManager.getConnection(spec.jdbcUrl(), p)) {
            return read(c, ignored(c, schema, versionTable));
        } catch (SQLException e) {
            throw new DatabaseException(what, "cannot read " + spec.display() + ": " + spec.secrets().scrub(TargetDatabase.describe(e)));
        }
    }

    private static Renames renames(List<String> hints, List<String> fromSql) {
        Renames renames = Renames.none();
        List<String> all = new ArrayList<>(fromSql);
        all.addAll(hints);
        for (String hint : all) {
            try {
                renames = renames.with(hint);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--rename " + hint + ": " + e.getMessage()
                        + " (write schema.table.old=new for a column, schema.old=new for a table)");
            }
        }
        return renames;
    }

    private Set<QualifiedName> ignored(Connection c) {
        return ignored(c, target.schema(), target.versionTable());
    }

    /** The version and history tables as this target names them, in its schema or the session's default one. */
    private static Set<QualifiedName> ignored(Connection c, String schema, String versionTable) {
        String in = schema;
        if (in == null) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                in = rs.getString(1);
            } catch (SQLException e) {
                in = null;
            }
        }
        if (in == null) {
            in = "public";
        }
        VersionTables t = new VersionTables(in, versionTable == null ? TargetConfig.DEFAULT_VERSION_TABLE : versionTable);
        return Set.of(QualifiedName.of(in, t.versionTable()), QualifiedName.of(in, t.historyTable()));
    }

    private static Catalog read(Connection c, Set<QualifiedName> ignored) {
        try {
            return CatalogReader.read(c, ignored);
        } catch (SQLException e) {
            throw new DatabaseException("catalog", TargetDatabase.describe(e));
        }
    }
}
