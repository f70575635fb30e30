package dev.strata.plan;

import dev.strata.error.StrataException;
import dev.strata.expr.RevisionExpr;
import dev.strata.graph.Graphs;
import dev.strata.graph.RevisionGraph;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Prints plans in dev/alembic_oracle.py's format, for dev/compare-with-alembic: the same graphs and
 * commands through Strata's planner, so the two outputs can be diffed line by line.
 */
public final class OracleDump {

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Planner planner = null;
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split("\\s+");
            if (w[0].isEmpty()) {
                continue;
            }
            if (w[0].equals("graph")) {
                try {
                    RevisionGraph g = Graphs.graph(String.join(" ", Arrays.copyOfRange(w, 1, w.length)));
                    planner = new Planner(g);
                    System.out.println("graph ok");
                } catch (StrataException e) {
                    planner = null;
                    System.out.println("graph error");
                }
                continue;
            }
            if (planner == null) {
                continue;
            }
            System.out.println(w[0] + " " + w[1] + " " + w[2]);
            List<String> current = w[1].equals("-") ? List.of() : Arrays.asList(w[1].split(","));
            for (String out : run(planner, w[0], current, w[2])) {
                System.out.println(out);
            }
        }
    }

    static List<String> run(Planner planner, String direction, List<String> current, String target) {
        List<String> out = new ArrayList<>();
        try {
            RevisionExpr expr = RevisionExpr.parse(target);
            Plan plan = direction.equals("upgrade") ? planner.upgrade(current, expr) : planner.downgrade(current, expr);
            java.util.Set<String> heads = new java.util.LinkedHashSet<>(current);
            for (Step s : plan.steps()) {
                heads = s.change().apply(heads);
                String h = String.join(",", new TreeSet<>(heads));
                out.add("  " + direction + " " + s.revision().id() + " heads=" + (h.isEmpty() ? "-" : h));
            }
        } catch (StrataException | IllegalStateException e) {
            out.clear();
            out.add("  error");
        }
        return out;
    }
}
