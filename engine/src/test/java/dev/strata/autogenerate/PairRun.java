package dev.strata.autogenerate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.diff.Change;
import dev.strata.diff.Diff;
import dev.strata.diff.MigrationText;
import dev.strata.diff.Renames;
import dev.strata.diff.SchemaDiff;
import dev.strata.diff.Step;
import dev.strata.schema.Catalog;
import dev.strata.source.StatementSplitter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Runs one corpus case on two databases: builds old (with its rows) on the live side and new on the
 * desired side, diffs, upgrades the live side and checks that it now reads as the desired one, that
 * the rows survived and that a second diff finds nothing; then downgrades and checks that it reads as
 * old again (or, for an irreversible case, that the downgrade says so). A "same" case checks that the
 * diff is empty both ways.
 */
final class PairRun {

    private final CorpusCase c;
    private final Side live;
    private final Side desired;

    PairRun(CorpusCase c, Side live, Side desired) {
        this.c = c;
        this.live = live;
        this.desired = desired;
    }

    void run() {
        if (c.same()) {
            same();
        } else {
            pair();
        }
    }

    private void same() {
        build(new String[] {"a.sql"}, new String[] {"b.sql"});
        CompletableFuture<Catalog> other = CompletableFuture.supplyAsync(desired::catalog);
        Catalog a = live.catalog();
        Catalog b = other.join();
        assertThat(describe(SchemaDiff.compare(a, b, Renames.none()))).as("diff from a.sql to b.sql").isEmpty();
        assertThat(describe(SchemaDiff.compare(b, a, Renames.none()))).as("diff from b.sql to a.sql").isEmpty();
    }

    private void pair() {
        build(new String[] {"old.sql", "rows.sql"}, new String[] {"new.sql"});
        CompletableFuture<Catalog> other = CompletableFuture.supplyAsync(desired::catalog);
        Catalog old = live.catalog();
        Catalog wanted = other.join();
        Renames renames = Renames.none();
        for (String hint : c.renameHints()) {
            renames = renames.with(hint);
        }
        Rows rows = Rows.of(old, wanted, renames);
        List<String> before = rows.snapshot(live, false);

        Diff diff = SchemaDiff.compare(old, wanted, renames);
        assertThat(diff.changes()).as("changes from old.sql to new.sql").isNotEmpty();
        for (String w : c.expectedWarnings()) {
            assertThat(diff.warnings()).as("warnings").anySatisfy(x -> assertThat(x).contains(w));
        }
        List<Step> up = new ArrayList<>();
        diff.changes().forEach(ch -> up.addAll(ch.upgrade()));
        List<Step> downSteps = new ArrayList<>();
        for (int i = diff.changes().size() - 1; i >= 0; i--) {
            downSteps.addAll(diff.changes().get(i).downgrade());
        }
        MigrationText.Script script = MigrationText.sql(diff);
        assertThat(split(script.upgrade())).as("the generated file's upgrade, split as psql splits it").isEqualTo(statements(up));
        assertThat(split(script.downgrade())).as("the generated file's downgrade, split as psql splits it").isEqualTo(statements(downSteps));
        if (c.upgradeFails() != null) {
            assertThatThrownBy(() -> apply("upgrade", up)).as("the upgrade on rows it cannot keep").hasMessageContaining(c.upgradeFails());
            assertThat(Side.schema(live.catalog())).as("the live catalog after the failed upgrade: nothing half done")
                    .usingRecursiveComparison().isEqualTo(Side.schema(old));
            assertThat(rows.snapshot(live, false)).as("rows after the failed upgrade").isEqualTo(before);
            return;
        }
        apply("upgrade", up);
        assertThat(Side.schema(live.catalog())).as("the live catalog after the upgrade, against new.sql's")
                .usingRecursiveComparison().isEqualTo(Side.schema(wanted));
        assertThat(rows.snapshot(live, true)).as("rows (count and checksum per table) after the upgrade").isEqualTo(before);
        assertThat(describe(SchemaDiff.compare(live.catalog(), wanted, Renames.none())))
                .as("a second diff right after the upgrade (fixpoint)").isEmpty();

        List<Step> down = new ArrayList<>();
        for (int i = diff.changes().size() - 1; i >= 0; i--) {
            down.addAll(diff.changes().get(i).downgrade());
        }
        if (c.irreversible()) {
            assertThat(down).as("the downgrade of an irreversible change says it cannot be undone")
                    .anySatisfy(s -> assertThat(s.note()).isNotBlank());
            return;
        }
        apply("downgrade", down);
        assertThat(Side.schema(live.catalog())).as("the live catalog after the downgrade, against old.sql's")
                .usingRecursiveComparison().isEqualTo(Side.schema(old));
        assertThat(rows.snapshot(live, false)).as("rows (count and checksum per table) after the downgrade").isEqualTo(before);
    }

    /**
     * Builds both sides at the same time (they are different databases, or different servers): a
     * TimescaleDB server right after a reset takes its time to accept the next session.
     */
    private void build(String[] liveFiles, String[] desiredFiles) {
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> desired.run(c, desiredFiles));
        try {
            live.run(c, liveFiles);
        } finally {
            try {
                other.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
    }

    /**
     * Runs steps as a generated revision would: all in one transaction when every op allows it, else
     * each op by itself, a transactional one in its own transaction and the others in autocommit. A
     * step with no op (a note, a TODO) runs nothing.
     */
    private void apply(String what, List<Step> steps) {
        boolean oneTransaction = steps.stream().allMatch(s -> s.op() == null || s.op().transactional());
        try (Connection conn = live.connect(); java.sql.Statement s = conn.createStatement()) {
            conn.setAutoCommit(!oneTransaction);
            for (Step step : steps) {
                if (step.op() == null) {
                    continue;
                }
                boolean own = !oneTransaction && step.op().transactional();
                if (own) {
                    conn.setAutoCommit(false);
                }
                for (String sql : step.op().statements()) {
                    try {
                        s.execute(sql);
                    } catch (SQLException e) {
                        throw new AssertionError(what + " statement failed: " + sql + "\n  " + e.getMessage()
                                + "\n  the " + what + ":\n" + render(steps), e);
                    }
                }
                if (own) {
                    conn.commit();
                    conn.setAutoCommit(true);
                }
            }
            if (oneTransaction) {
                conn.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        }
    }

    private static String render(List<Step> steps) {
        StringBuilder b = new StringBuilder();
        for (Step s : steps) {
            if (s.note() != null) {
                b.append("    -- ").append(s.note()).append('\n');
            }
            if (s.op() != null) {
                s.op().statements().forEach(x -> b.append("    ").append(x).append(";\n"));
            }
        }
        return b.toString();
    }

    /** SQL text as the runner reads a script: split as psql splits it, the notes before each statement left out. */
    private static List<String> split(String sql) {
        return StatementSplitter.split(sql, 1).stream()
                .map(st -> st.sql().lines().dropWhile(l -> l.startsWith("--")).collect(Collectors.joining("\n")).strip())
                .toList();
    }

    private static List<String> statements(List<Step> steps) {
        return steps.stream().filter(st -> st.op() != null).flatMap(st -> st.op().statements().stream()).map(String::strip).toList();
    }

    /** A diff as its Detected lines and statements, so a failing assertion shows what was found. */
    private static List<String> describe(Diff diff) {
        List<String> out = new ArrayList<>();
        for (Change ch : diff.changes()) {
            out.add("Detected " + ch.detected());
            for (Step s : ch.upgrade()) {
                if (s.op() != null) {
                    s.op().statements().forEach(x -> out.add("  " + x));
                }
            }
        }
        return out;
    }
}
