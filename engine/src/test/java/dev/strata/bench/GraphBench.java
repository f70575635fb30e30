package dev.strata.bench;

import dev.strata.expr.RevisionExpr;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import dev.strata.plan.Plan;
import dev.strata.plan.Planner;
import dev.strata.source.ScriptLoader;
import dev.strata.source.Script;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads, validates and plans base -> heads on a generated project, timing each phase; the first round is
 * the cold one a command pays. Usage: GraphBench DIR [ROUNDS]. See bench/graph.sh and docs/benchmarks.md.
 */
public final class GraphBench {

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Path> locations = List.of(dir.resolve("postgres"), dir.resolve("timescale"));
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            List<Script> scripts = ScriptLoader.load(locations);
            long t1 = System.nanoTime();
            List<Revision> revisions = new ArrayList<>(scripts.size());
            scripts.forEach(s -> revisions.add(s.revision()));
            RevisionGraph graph = RevisionGraph.of(revisions);
            long t2 = System.nanoTime();
            Plan plan = new Planner(graph).upgrade(List.of(), RevisionExpr.parse("heads"));
            long t3 = System.nanoTime();
            System.out.printf("round %d: %d revisions, %d heads, %d steps | load %d ms, validate %d ms, plan %d ms, total %d ms%n",
                    round, graph.size(), graph.heads().size(), plan.steps().size(),
                    ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t3 - t0));
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("peak heap used: %d MB (max heap %d MB)%n", peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
