package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** heads, branches, history, show and graph on a graph with a branch point and a merge point. */
class ReportingCliTest {

    @TempDir
    Path dir;

    Cli cli;

    @BeforeEach
    void project() {
        // a1 -> a2 -> (b1 | c1) -> m1 (merge of b1, c1); a separate root x1 labelled "side".
        cli = new Cli(dir);
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n");
        cli.write("m/a1.sql", Cli.script("a1", "", "-- branch_labels: core\n", "SELECT 1;", ""));
        cli.write("m/a2.sql", Cli.script("a2", "a1", "", "SELECT 1;", ""));
        cli.write("m/b1.sql", Cli.script("b1", "a2", "", "SELECT 1;", ""));
        cli.write("m/c1.sql", Cli.script("c1", "a2", "", "SELECT 1;", ""));
        cli.write("m/m1.sql", Cli.script("m1", "b1, c1", "", "SELECT 1;", ""));
        cli.write("m/x1.sql", Cli.script("x1", "", "-- branch_labels: side\n-- depends_on: a1\n-- transactional: false\n",
                "SELECT 1;", ""));
    }

    @Test
    void headsListsEachHeadWithItsLabels() {
        assertThat(cli.run("heads").lines()).containsExactly("m1 (core) (head)", "x1 (side) (head)");
    }

    @Test
    void historyListsNewestFirstWithParentsAndMarkers() {
        // Alembic's walk_revisions order for this graph (checked with Debian's alembic 1.8).
        assertThat(cli.run("history").lines()).containsExactly(
                "b1, c1 -> m1 (core) (head) (mergepoint), m1 step",
                "a2 -> b1 (core), b1 step",
                "a2 -> c1 (core), c1 step",
                "<base> (a1) -> x1 (side) (head), x1 step",
                "a1 -> a2 (core) (branchpoint), a2 step",
                "<base> -> a1 (core), a1 step");
    }

    @Test
    void historyRangeIsInclusive() {
        assertThat(cli.run("history", "-r", "a2:b1").lines()).containsExactly(
                "a2 -> b1 (core), b1 step",
                "a1 -> a2 (core) (branchpoint), a2 step");
        // From c1 up to the heads: only what descends from c1.
        assertThat(cli.run("history", "-r", "c1:").lines()).containsExactly(
                "b1, c1 -> m1 (core) (head) (mergepoint), m1 step",
                "a2 -> c1 (core), c1 step");
    }

    @Test
    void historyRangeAcrossADependencyDoesNotCrash() {
        // x1 depends on a1: from a1 to x1 by down revisions is only a1 (Alembic crashes here).
        Cli.Result r = cli.run("history", "-r", "a1:x1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lines()).containsExactly("<base> -> a1 (core), a1 step");
    }

    @Test
    void branchesShowsBranchPointsAndTheirChildren() {
        assertThat(cli.run("branches").out()).isEqualTo(String.join(System.lineSeparator(),
                "a2 (core) (branchpoint)",
                "   -> b1 (core)",
                "   -> c1 (core)",
                "", ""));
    }

    @Test
    void showPrintsTheFullEntry() {
        String out = cli.run("show", "m1").out();
        assertThat(out).contains("Rev: m1 (head) (mergepoint)", "Merges: b1, c1", "Branch names: core", "Path: ",
                "    m1 step");
        assertThat(cli.run("show", "x1").out()).contains("Also depends on: a1", "Transactional: false");
    }

    @Test
    void jsonOutputs() {
        String heads = cli.run("--json", "heads").out().strip();
        assertThat(heads).startsWith("[{\"revision\":\"m1\"").contains("\"real_head\":true").endsWith("}]");
        String history = cli.run("history", "--json").out().strip();
        assertThat(history).startsWith("[{\"revision\":\"m1\"").contains("\"depends_on\":[\"a1\"]", "\"transactional\":false");
        String branches = cli.run("branches", "--json").out().strip();
        assertThat(branches).isEqualTo("[{\"revision\":\"a2\",\"branch_labels\":[\"core\"],\"message\":\"a2 step\",\"children\":[\"b1\",\"c1\"]}]");
    }

    @Test
    void graphDrawsLanesForBranchesAndMerges() {
        String text = cli.run("graph").out();
        assertThat(text).isEqualTo(String.join("\n",
                "*  m1 (core) (head), m1 step",
                "|\\",
                "* |  b1 (core), b1 step",
                "| *  c1 (core), c1 step",
                "| | *  x1 (side) (head) (depends on a1), x1 step",
                "|/",
                "*  a2 (core), a2 step",
                "*  a1 (core), a1 step",
                ""));
    }

    @Test
    void graphAsMermaidAndDot() {
        String mermaid = cli.run("graph", "--format", "mermaid").out();
        assertThat(mermaid).startsWith("flowchart TD\n").contains("r0[\"a1 (core)<br/>a1 step\"]", "r3 --> r4", "r2 --> r4", "r0 -.-> r5");
        String dot = cli.run("graph", "--format", "dot").out();
        assertThat(dot).startsWith("digraph strata {").contains("\"b1\" -> \"m1\";", "\"a1\" -> \"x1\" [style=dashed",
                "\"m1\" [label=\"m1\\nm1 step\", style=bold];");
        assertThat(cli.run("graph", "--format", "svg").code()).isEqualTo(2);
    }
}
