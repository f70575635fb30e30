package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.source.StatementSplitter;
import dev.strata.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where Strata used to disagree with Alembic 1.8.1 (issue 12, item 11), on graphs built like Alembic's own
 * test suite (BranchedPathTest, MergedPathTest, the cross-branch depends_on tests). Every command runs
 * online on one database and as {@code --sql}, run statement by statement, on a second one brought to the
 * same start; both version tables must end where Alembic's does.
 *
 * <p>Alembic's answers were obtained with Debian's python3-alembic 1.8.1 ({@code /usr/bin/python3},
 * {@code alembic.command} on a SQLite database, scripts with the same headers, rows in id order).
 */
class AlembicParityCliIT {

    /** BranchedPathTest: a, b, then c1-d1 (labelled c1branch) and c2-d2. */
    static final String BRANCHED = "a b:a c1:b@c1branch c2:b d1:c1 d2:c2";
    /** MergedPathTest: the two branches merged by e, then two heads f1, f2 above the merge. */
    static final String MERGED = "a b:a c1:b c2:b d1:c1 d2:c2 e:d1,d2 f1:e f2:e";
    /** Two labelled bases; c2 (lib2) depends on c1 (lib1). */
    static final String CROSS = "a1@lib1 b1:a1 c1:b1 a2@lib2 b2:a2 c2:b2~c1 d1:c1";

    @TempDir
    Path dir;

    TestDatabase online;
    TestDatabase offline;

    @BeforeEach
    void databases() {
        online = TestDatabase.create("parity");
        offline = TestDatabase.create("parity_sql");
    }

    @AfterEach
    void drop() {
        online.close();
        offline.close();
    }

    /** The project, with one target (owning {@code branch}, or none), on the database {@code db}. */
    private Cli cli(String graph, String branch, TestDatabase db) {
        Cli cli = new Cli(dir).env("APP_URL", db.jdbcUrl());
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"${APP_URL}\"\n"
                + (branch == null ? "" : "branch = \"" + branch + "\"\n"));
        for (String word : graph.split(" ")) {
            String deps = "";
            String labels = "";
            String down = "";
            if (word.contains("~")) {
                deps = word.substring(word.indexOf('~') + 1);
                word = word.substring(0, word.indexOf('~'));
            }
            if (word.contains("@")) {
                labels = word.substring(word.indexOf('@') + 1);
                word = word.substring(0, word.indexOf('@'));
            }
            if (word.contains(":")) {
                down = word.substring(word.indexOf(':') + 1);
                word = word.substring(0, word.indexOf(':'));
            }
            cli.write("m/" + word + ".sql", Cli.script(word, down, "-- branch_labels: " + labels + "\n-- depends_on: " + deps + "\n",
                    "CREATE TABLE t_" + word + " (id int);", "DROP TABLE t_" + word + ";"));
        }
        return cli;
    }

    /** The version table's rows in id order; none when a refused command left no table. */
    private static List<String> rows(TestDatabase db) {
        if (db.column("SELECT to_regclass('strata_version') IS NULL").equals(List.of("t"))) {
            return List.of();
        }
        return db.column("SELECT version_num FROM strata_version ORDER BY version_num");
    }

    /** Runs a --sql script as psql -v ON_ERROR_STOP=1 does: statement by statement, in autocommit. */
    private static void runScript(TestDatabase db, String sql) {
        try (Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            for (dev.strata.source.Statement st : StatementSplitter.split(sql, 1)) {
                s.execute(st.sql());
            }
        } catch (SQLException e) {
            throw new AssertionError("the --sql script failed: " + e.getMessage(), e);
        }
    }

    /** Brings both databases to {@code start} online, then runs {@code command} online and its --sql form offline. */
    private Cli.Result both(String graph, String branch, String start, String command, String sqlCommand) {
        Cli on = cli(graph, branch, online);
        Cli off = cli(graph, branch, offline);
        if (start != null) {
            assertThat(on.run("upgrade", start).code()).isZero();
            assertThat(off.run("upgrade", start).code()).isZero();
        }
        Cli.Result r = on.run(command.split(" "));
        Cli.Result sql = off.run(sqlCommand.split(" "));
        assertThat(sql.code()).as(sql.err()).isEqualTo(r.code());
        if (sql.code() == 0) {
            runScript(offline, sql.out());
        }
        assertThat(rows(offline)).as("--sql ends where the online run did").isEqualTo(rows(online));
        return r;
    }

    // ---- REV@head with several heads above REV ----------------------------------------------------

    @Test
    void revAtHeadWithSeveralHeadsAboveItIsAnErrorEvenInATargetThatRunsOneOfThem() {
        // Alembic: "Multiple head revisions are present for given argument 'b@head'; please specify a
        // specific target revision, '<branchname>@b@head' to narrow to a specific head, or 'heads' for all
        // heads". The target owns c1branch (a, b, c1, d1); d2 is above b too.
        Cli.Result r = both(BRANCHED, "c1branch", null, "upgrade b@head", "upgrade b@head --sql");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString()
                .isEqualTo("error: 'b@head' is ambiguous: there are 2 heads (d1, d2); name one with c1branch@head, "
                        + "use 'b@heads' for all of them, or join them with 'migrate merge b@heads'");
        assertThat(rows(online)).isEmpty();
        // the label's head is one head: Alembic upgrades to d1
        assertThat(both(BRANCHED, "c1branch", null, "upgrade c1branch@head", "upgrade c1branch@head --sql").code()).isZero();
        assertThat(rows(online)).containsExactly("d1");
        // REV@head-1 names the same head first
        Cli.Result relative = cli(BRANCHED, "c1branch", online).run("downgrade", "b@head-1");
        assertThat(relative.code()).isEqualTo(2);
        assertThat(relative.err()).contains("'b@head-1' is ambiguous: there are 2 heads (d1, d2)");
    }

    // ---- downgrade -N from several heads ----------------------------------------------------------

    @Test
    void minusOneFromTwoBranchHeadsWalksDownTheFirstRow() {
        // Alembic, rows d1,d2: warns "downgrade -1 from multiple heads is ambiguous" -> rows c1,d2
        Cli.Result r = both(BRANCHED, null, "heads", "downgrade -1", "downgrade heads:-1 --sql");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lines()).containsExactly("Running downgrade d1 -> c1, d1 step");
        assertThat(r.err()).contains("Warning: '-1' from several heads (d1, d2) is ambiguous; it walks down from d1, the first row");
        assertThat(rows(online)).containsExactly("c1", "d2");
    }

    @Test
    void minusOneFromTwoHeadsAboveAMerge() {
        // Alembic, rows f1,f2: -1 -> rows f2; -2 fails with "Ambiguous walk" (f1 -> e, then d1 or d2)
        Cli.Result two = both(MERGED, null, "heads", "downgrade -2", "downgrade heads:-2 --sql");
        assertThat(two.code()).isEqualTo(2);
        assertThat(two.err()).contains("ambiguous walk down from e: it could go to d1 or d2");
        assertThat(rows(online)).containsExactly("f1", "f2");

        Cli.Result r = both(MERGED, null, null, "downgrade -1", "downgrade heads:-1 --sql");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(rows(online)).containsExactly("f2");
    }

    @Test
    void minusNWithACrossBranchDependency() {
        // Alembic, rows c2,d1 (c2 depends on c1): -1 -> rows b2,d1; then -1 from b2,d1 -> rows a2,d1
        Cli.Result r = both(CROSS, null, "heads", "downgrade -1", "downgrade heads:-1 --sql");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(rows(online)).containsExactly("b2", "d1");
        Cli.Result again = cli(CROSS, null, online).run("downgrade", "-1");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(rows(online)).containsExactly("a2", "d1");
    }

    @Test
    void minusTwoFromTwoHeadsWithACrossBranchDependency() {
        // Alembic, rows c2,d1: -2 -> rows a2,d1
        Cli.Result r = both(CROSS, null, "heads", "downgrade -2", "downgrade heads:-2 --sql");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(rows(online)).containsExactly("a2", "d1");
    }

    // ---- @head: an empty label ----------------------------------------------------------------------

    @Test
    void anEmptyLabelMeansNoLabel() {
        // Alembic: 'upgrade @head' on a graph with one head upgrades to it; 'downgrade @base' goes to base
        String linear = "a b:a c:b";
        assertThat(both(linear, null, null, "upgrade @head", "upgrade @head --sql").code()).isZero();
        assertThat(rows(online)).containsExactly("c");
        assertThat(both(linear, null, null, "downgrade @b", "downgrade c:@b --sql").code()).isZero();
        assertThat(rows(online)).containsExactly("b");
        assertThat(both(linear, null, null, "downgrade @base", "downgrade b:@base --sql").code()).isZero();
        assertThat(rows(online)).isEmpty();
    }

    @Test
    void anEmptyLabelWithSeveralHeadsIsTheMultipleHeadsError() {
        // Alembic: "Multiple head revisions are present for given argument '@head'; ..."
        Cli.Result r = both(BRANCHED, null, null, "upgrade @head", "upgrade @head --sql");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: '@head' is ambiguous: there are 2 heads (d1, d2)");
        assertThat(both(BRANCHED, null, null, "upgrade @heads", "upgrade @heads --sql").code()).isZero();
        assertThat(rows(online)).containsExactly("d1", "d2");
    }

    // ---- stamp A B with B an ancestor of A ------------------------------------------------------------

    @Test
    void stampingARevisionAndItsAncestorRecordsTheRevision() {
        // 'stamp d1 b': b is an ancestor of d1. Alembic records rows d1,b from an empty table (a head and
        // its own ancestor, which it then refuses to upgrade from), only d1 from b, only b from d1;
        // Strata records d1 (docs/decisions.md).
        Cli.Result r = both(BRANCHED, null, null, "stamp d1 b", "stamp d1 b --sql");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(rows(online)).containsExactly("d1");
        // from b, Alembic records only d1 too
        Cli on = cli(BRANCHED, null, online);
        assertThat(on.run("stamp", "b").code()).isZero();
        assertThat(on.run("stamp", "b", "d1").code()).isZero();
        assertThat(rows(online)).containsExactly("d1");
    }
}
