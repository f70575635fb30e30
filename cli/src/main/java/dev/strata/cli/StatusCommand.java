package dev.strata.cli;

import dev.strata.api.Online;
import dev.strata.config.TargetConfig;
import dev.strata.error.StrataException;
import dev.strata.graph.Revision;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code migrate status}: every target of the config at once. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show every target: current heads, pending revisions, last applied step, reachable or not.",
                "Exits 0 whenever it could report; use 'check' to gate on a target being up to date."})
final class StatusCommand extends BaseCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Mixin
    ConnectOptions online;

    @Mixin
    OnlineOptions.LockOption lock;

    @Mixin
    ReadParallel reads;

    /** The unresolved partial failure as JSON (the same object in status and check), or null. */
    static Map<String, Object> partialJson(Online.Status s) {
        if (s.partial() == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("revision", s.partial().revision());
        m.put("error", s.partial().error());
        m.put("at", s.partial().finishedAt() == null ? null : s.partial().finishedAt().toString());
        m.put("outcome", s.partial().outcome()); // partial, or started: interrupted (at is then when it started)
        return m;
    }

    private static String displayUrl(TargetConfig t) {
        try {
            return dev.strata.config.ConnectionSpec.of(t).display();
        } catch (StrataException e) {
            return "?";
        }
    }

    @Override
    public Integer call() {
        int parallel = reads.get();
        List<TargetConfig> targets = new ArrayList<>(config().targets().values());
        loadProjectInBackground();
        if (targetName() != null) {
            targets = List.of(config().target(targetName()));
        }
        if (targets.isEmpty()) {
            if (json()) {
                out().println("[]");
            } else {
                info("No targets are configured in " + config().file() + "; add a [targets.NAME] table");
            }
            return 0;
        }
        List<Online.Status> all = new ArrayList<>();
        Map<String, String> notYet = new LinkedHashMap<>();
        Map<String, String> memberOf = new LinkedHashMap<>();
        if (!global.only.isEmpty() && targets.stream().noneMatch(t -> config().set(t.name()) != null)) {
            setRun(targets.get(0)); // refuses --only
        }
        for (TargetConfig t : targets) {
            try {
                SetRun set = config().set(t.name()) == null ? null : setRun(t);
                if (set != null) {
                    for (Online.Status s : set.statuses(online.toOptions(lock), parallel)) {
                        memberOf.put(s.target(), t.name());
                        all.add(s);
                    }
                    continue;
                }
                if (t.branch() != null && project().graph().labelIndex(t.branch()) < 0) {
                    // A new project: nothing to report on yet, which is not a failure.
                    notYet.put(t.name(), "no revisions yet: no script declares branch label '" + t.branch()
                            + "'; write the first with: migrate --db " + t.name() + " revision -m MESSAGE");
                    all.add(Online.Status.failed(t.name(), displayUrl(t), notYet.get(t.name())));
                    continue;
                }
                all.add(new Online(this::project, t).status(online.toOptions(lock), new ConsoleOutput(out(), err(), quiet(), false)));
            } catch (StrataException e) {
                all.add(Online.Status.failed(t.name(), "?", e.getMessage()));
            }
        }
        if (json()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Online.Status s : all) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("target", memberOf.getOrDefault(s.target(), s.target()));
                if (memberOf.containsKey(s.target())) {
                    m.put("member", s.target());
                }
                m.put("url", s.url());
                m.put("reachable", notYet.containsKey(s.target()) ? null : s.reachable());
                m.put("error", notYet.containsKey(s.target()) ? null : s.error());
                if (notYet.containsKey(s.target())) {
                    m.put("note", notYet.get(s.target()));
                }
                m.put("heads", s.heads());
                m.put("pending", s.pending().size());
                m.put("pending_revisions", s.pending().stream().map(Revision::id).toList());
                m.put("changed", s.changed());
                m.put("partial_failure", partialJson(s));
                m.put("invalid_indexes", s.invalidIndexes());
                if (s.lastApplied() != null) {
                    Map<String, Object> last = new LinkedHashMap<>();
                    last.put("revision", s.lastApplied().revision());
                    last.put("direction", s.lastApplied().direction());
                    last.put("at", s.lastApplied().finishedAt() == null ? null : s.lastApplied().finishedAt().toString());
                    last.put("by", s.lastApplied().appliedBy());
                    m.put("last_applied", last);
                } else {
                    m.put("last_applied", null);
                }
                list.add(m);
            }
            out().println(Json.write(list));
            return 0;
        }
        int width = all.stream().mapToInt(s -> s.target().length()).max().orElse(6);
        for (Online.Status s : all) {
            String name = String.format("%-" + width + "s", s.target());
            if (notYet.containsKey(s.target())) {
                out().println(name + "  " + notYet.get(s.target()));
                continue;
            }
            if (!s.reachable()) {
                out().println(name + "  unreachable: " + s.error().replaceFirst("^target '[^']*': ", ""));
                continue;
            }
            if (s.error() != null) {
                out().println(name + "  at " + String.join(", ", s.heads()) + "  ERROR: " + s.error());
                continue;
            }
            String at = s.heads().isEmpty() ? "base" : String.join(", ", s.heads());
            String pending = s.pending().isEmpty() ? "up to date" : s.pending().size() + " pending";
            String last = s.lastApplied() == null ? "nothing applied yet"
                    : "last " + s.lastApplied().direction() + " " + s.lastApplied().revision()
                            + (s.lastApplied().finishedAt() == null ? "" : " at " + TIME.format(s.lastApplied().finishedAt()));
            out().println(name + "  at " + at + "  " + pending + "  " + last
                    + (s.changed().isEmpty() ? "" : "  CHANGED: " + String.join(", ", s.changed()))
                    + (s.partial() == null ? "" : (s.partial().interrupted() ? "  INTERRUPTED " : "  PARTIAL FAILURE of ")
                            + s.partial().revision() + ": " + s.partial().error())
                    + (s.invalidIndexes().isEmpty() ? "" : "  INVALID INDEX: " + String.join(", ", s.invalidIndexes())));
        }
        // A report, not a gate: an unreachable target is a line of it. Scripts use check (exit 1/3).
        return 0;
    }
}
