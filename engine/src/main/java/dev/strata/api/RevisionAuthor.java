package dev.strata.api;

import dev.strata.config.TargetConfig;
import dev.strata.error.BadInputException;
import dev.strata.expr.RevisionExpr;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import dev.strata.source.NewScript;
import dev.strata.source.ScriptWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes new revisions: {@code revision} and {@code merge}. The new revision is checked by building the
 * graph it would join before its file is written, and the file is written atomically, so a refused
 * request leaves nothing behind.
 */
public final class RevisionAuthor {

    private static final DateTimeFormatter CREATE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * What {@code revision} was asked for.
     *
     * @param message       the message (may be empty)
     * @param revId         an explicit id, or null for 12 random hex characters
     * @param heads         what to build on ({@code head}, {@code base}, {@code LABEL@head}, ids); empty for the default
     * @param branchLabels  labels the new revision declares
     * @param dependsOn     revisions or labels it depends on
     * @param splice        allow building on a revision that is not a head
     * @param versionPath   the folder to write to, or null to choose
     * @param transactional false to mark the new script {@code transactional: false}
     * @param java          write a Java migration instead of a SQL script
     */
    public record Request(
            String message,
            String revId,
            List<RevisionExpr> heads,
            List<String> branchLabels,
            List<String> dependsOn,
            boolean splice,
            Path versionPath,
            boolean transactional,
            boolean java) {

        /** A SQL script. */
        public Request(String message, String revId, List<RevisionExpr> heads, List<String> branchLabels, List<String> dependsOn,
                       boolean splice, Path versionPath, boolean transactional) {
            this(message, revId, heads, branchLabels, dependsOn, splice, versionPath, transactional, false);
        }
    }

    /** What was written. */
    public record Written(Revision revision, Path file, String note) {}

    private final Project project;
    private final Clock clock;
    private final Supplier<String> ids;

    public RevisionAuthor(Project project, Clock clock, Supplier<String> ids) {
        this.project = project;
        this.clock = clock;
        this.ids = ids;
    }

    /** A new revision; with a target that owns a branch and no {@code --head}, it goes on that branch. */
    public Written revision(Request request, TargetConfig target) {
        return revision(request, target, "", "");
    }

    /**
     * As {@link #revision(Request, TargetConfig)}, with the upgrade and downgrade already written (SQL for a
     * script, the bodies of {@code upgrade(Ops op)} and {@code downgrade(Ops op)} for a Java migration), as
     * {@code revision --autogenerate} does.
     */
    public Written revision(Request request, TargetConfig target, String upgrade, String downgrade) {
        RevisionGraph graph = project.graph();
        List<RevisionExpr> heads = request.heads();
        List<String> labels = new ArrayList<>(request.branchLabels());
        String note = null;
        // Seed 003's habit: --branch-label on every revision of a branch. A label already declared
        // means "on that branch": the revision goes on it and does not declare the label again.
        List<String> existing = labels.stream().filter(l -> graph.labelIndex(l) >= 0).toList();
        if (!existing.isEmpty()) {
            String label = existing.get(0);
            if (existing.size() > 1 || (!heads.isEmpty() && !onBranch(heads, label))
                    || (heads.isEmpty() && target != null && target.branch() != null && !target.branch().equals(label))) {
                throw new BadInputException("branch label '" + label + "' is already declared by revision "
                        + graph.id(graph.labelIndex(label)) + "; to add a revision on that branch use --head " + label
                        + "@head (without --branch-label)");
            }
            labels.removeAll(existing);
            if (heads.isEmpty()) {
                heads = List.of(RevisionExpr.parse(label + "@head"));
            }
            note = "branch label '" + label + "' is already declared by revision " + graph.id(graph.labelIndex(label))
                    + ": the new revision goes on that branch and does not declare it again";
        }
        if (heads.isEmpty()) {
            if (target != null && target.branch() != null) {
                if (graph.labelIndex(target.branch()) >= 0) {
                    heads = List.of(RevisionExpr.parse(target.branch() + "@head"));
                } else {
                    heads = List.of(RevisionExpr.parse("base"));
                    if (!labels.contains(target.branch())) {
                        labels.add(target.branch());
                    }
                    note = "branch '" + target.branch() + "' of target '" + target.name()
                            + "' had no revisions yet: this revision starts it";
                }
            } else {
                heads = List.of(RevisionExpr.parse("head"));
            }
        }
        List<String> downs = resolveHeads(heads, request.splice() ? Splice.ALLOWED : Splice.SUGGEST);
        List<String> deps = new ArrayList<>();
        for (String dep : request.dependsOn()) {
            int i = project.planner().resolver().revision(RevisionExpr.parse(dep));
            if (i < 0) {
                throw new BadInputException("--depends-on " + dep + " names no revision");
            }
            // Keep a label as written (it follows the branch); resolve a prefix to the full id.
            deps.add(graph.labelIndex(dep) == i ? dep : graph.id(i));
        }
        return write(request.message(), request.revId(), downs, labels, deps, request.transactional(), request.java(),
                request.versionPath(), note, upgrade, downgrade);
    }

    /** Whether every revision the expressions name is on the lineage of the label. */
    private boolean onBranch(List<RevisionExpr> heads, String label) {
        for (RevisionExpr e : heads) {
            int[] revs = project.planner().resolver().revisions(e);
            if (revs.length == 0 || project.planner().resolver().filterForLineage(revs, label).length != revs.length) {
                return false;
            }
        }
        return true;
    }

    /** A merge point of two or more heads. */
    public Written merge(List<RevisionExpr> revisions, String message, String revId, List<String> branchLabels) {
        List<String> downs = resolveHeads(revisions, Splice.MERGE);
        if (downs.size() < 2) {
            throw new BadInputException("a merge needs two or more revisions; "
                    + (downs.isEmpty() ? "none were given" : "only " + downs.get(0) + " was given"));
        }
        return write(message, revId, downs, branchLabels, List.of(), true, false, null, null, "", "");
    }

    /** Whether building on a revision that is not a head is allowed, and what to say if not. */
    private enum Splice { ALLOWED, SUGGEST, MERGE }

    private List<String> resolveHeads(List<RevisionExpr> exprs, Splice splice) {
        RevisionGraph graph = project.graph();
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (RevisionExpr e : exprs) {
            for (int i : project.planner().resolver().revisions(e)) {
                String id = graph.id(i);
                if (!seen.add(id)) {
                    throw new BadInputException("revision " + id + " is named twice");
                }
                if (splice != Splice.ALLOWED && !graph.isHead(id)) {
                    throw new BadInputException("revision " + id + " is not a head (its children: "
                            + String.join(", ", graph.children(id)) + "); "
                            + (splice == Splice.MERGE ? "a merge joins heads: name the heads to merge (see 'migrate heads')"
                                    : "pass --splice to branch from it"));
                }
                out.add(id);
            }
        }
        return out;
    }

    private Written write(String message, String revId, List<String> downs, List<String> labels, List<String> deps,
                          boolean transactional, boolean java, Path versionPath, String note, String upgrade, String downgrade) {
        RevisionGraph graph = project.graph();
        String id = revId;
        if (id == null) {
            do {
                id = ids.get();
            } while (graph.contains(id));
        } else if (!Revision.isValidId(id)) {
            throw new BadInputException("--rev-id '" + id + "' may hold only letters, digits, '_' and '.'");
        } else if (graph.contains(id)) {
            throw new BadInputException("revision " + id + " already exists (" + graph.get(id).origin() + ")");
        }
        Path dir = folderFor(downs, labels, versionPath);
        String msg = message == null ? "" : message.strip();
        Revision revision = new Revision(id, downs, labels, deps, msg, LocalDateTime.now(clock).format(CREATE_DATE),
                transactional, dir.resolve(id + ".sql").toString());
        List<Revision> all = new ArrayList<>(graph.revisions());
        all.add(revision);
        RevisionGraph.of(all); // validates the result before anything is written
        NewScript script = new NewScript(id, downs, labels, deps, msg, revision.createDate(), transactional, upgrade, downgrade, java);
        Path file = ScriptWriter.write(dir, script);
        return new Written(revision, file, note);
    }

    /**
     * Where a new revision goes: {@code --version-path}; else the folder of its first down revision; else,
     * for a new root, the location named after one of its labels; else the first location.
     */
    private Path folderFor(List<String> downs, List<String> labels, Path versionPath) {
        List<Path> locations = project.config().locations();
        if (versionPath != null) {
            Path abs = versionPath.toAbsolutePath().normalize();
            for (Path loc : locations) {
                if (loc.toAbsolutePath().normalize().equals(abs)) {
                    return loc;
                }
            }
            throw new BadInputException("--version-path " + versionPath + " is not one of the script locations ("
                    + String.join(", ", locations.stream().map(Path::toString).toList()) + ")");
        }
        if (!downs.isEmpty()) {
            return project.script(downs.get(0)).location();
        }
        for (String label : labels) {
            for (Path loc : locations) {
                if (loc.getFileName() != null && loc.getFileName().toString().equals(label)) {
                    return loc;
                }
            }
        }
        return locations.get(0);
    }
}
