package dev.strata.cli;

import dev.strata.api.Online;
import dev.strata.api.Project;
import dev.strata.config.TargetConfig;
import dev.strata.config.TargetSet;
import dev.strata.expr.RevisionExpr;
import dev.strata.fleet.Fleet;
import dev.strata.fleet.MemberResult;
import dev.strata.fleet.Members;
import dev.strata.fleet.Summary;
import dev.strata.graph.Revision;
import dev.strata.plan.Direction;
import dev.strata.plan.Plan;
import dev.strata.run.Stop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A command run on every member of a target set: the members found and narrowed with {@code --only},
 * the engine's run for one target done on each (see {@link Fleet}), each member's lines led by its name,
 * and a summary, or one table row (one JSON object) per member.
 */
final class SetRun {

    private final BaseCommand command;
    private final TargetConfig base;
    private final TargetSet set;

    SetRun(BaseCommand command, TargetConfig base, TargetSet set) {
        this.command = command;
        this.base = base;
        this.set = set;
    }

    /** The members this run acts on: the set's, narrowed by {@code --only}. */
    List<TargetConfig> members(Duration wait) {
        List<TargetConfig> all = Members.expand(base, set, wait, line -> command.err().println("[" + base.name() + "] " + line));
        return Members.only(base.name(), all, command.global.only);
    }

    /** {@code upgrade} / {@code downgrade} on every member. */
    int move(Direction direction, RevisionExpr destination, Online.Options options, FleetOptions fleet) {
        List<TargetConfig> members = members(options.connectWait());
        Project project = command.project();
        Summary summary = new Fleet(fleet.parallel, set.maxConnectionsPerServer(), fleet.failFast).run(base.name(), members, Signals.stop(),
                (member, stop) -> {
                    MemberOutput output = output(member);
                    Plan plan = new Online(project, member).move(direction, destination, options, output, stop);
                    if (plan.isEmpty()) {
                        output.line("Nothing to do: already there");
                    }
                    return new Fleet.Done(!plan.isEmpty(), plan.steps().size());
                }, this::words);
        return report(direction.word(), direction == Direction.UPGRADE ? "upgraded" : "downgraded", summary);
    }

    /** {@code stamp} on every member. */
    int stamp(List<RevisionExpr> revisions, boolean purge, Online.Options options, FleetOptions fleet) {
        List<TargetConfig> members = members(options.connectWait());
        Project project = command.project();
        Summary summary = new Fleet(fleet.parallel, set.maxConnectionsPerServer(), fleet.failFast).run(base.name(), members, Signals.stop(),
                (member, stop) -> {
                    MemberOutput output = output(member);
                    Online.Stamped stamped = new Online(project, member).stamp(revisions, purge, options, output);
                    output.line("Running stamp_revision " + String.join(", ", stamped.before()) + " -> " + String.join(", ", stamped.after()));
                    return new Fleet.Done(!stamped.before().equals(stamped.after()), -1);
                }, this::words);
        return report("stamp", "stamped", summary);
    }

    /** {@code current}: one row (one JSON object) per member. */
    int current(Online.Options options, int parallel) {
        List<TargetConfig> members = members(options.connectWait());
        Map<String, List<String>> heads = new ConcurrentHashMap<>();
        java.util.function.Supplier<Project> project = project();
        Summary summary = reads(parallel).run(base.name(), members, Stop.never(), (member, stop) -> {
            heads.put(member.name(), new Online(project, member).current(options, quietOutput(member)));
            return new Fleet.Done(true, -1);
        }, this::words);
        List<Map<String, Object>> rows = new ArrayList<>();
        int width = width(members);
        for (MemberResult r : summary.results()) {
            List<String> at = heads.get(r.member());
            if (command.json()) {
                Map<String, Object> m = row(r.member());
                m.put("heads", at == null ? List.of() : at);
                m.put("error", r.error());
                rows.add(m);
            } else if (at == null) {
                command.out().println(pad(r.member(), width) + "  error: " + r.error());
            } else {
                command.out().println(pad(r.member(), width) + "  " + (at.isEmpty() ? "base" : String.join(", ", at)));
            }
        }
        if (command.json()) {
            command.out().println(Json.write(rows));
        }
        return summary.exitCode();
    }

    /** {@code check}: one row (one JSON object) per member; exit 1 when any has work left, 3 when one is unreachable. */
    int check(Online.Options options, int parallel) {
        List<TargetConfig> members = members(options.connectWait());
        Map<String, Online.Status> statuses = new ConcurrentHashMap<>();
        java.util.function.Supplier<Project> project = project();
        Summary summary = reads(parallel).run(base.name(), members, Stop.never(), (member, stop) -> {
            statuses.put(member.name(), new Online(project, member).status(options, quietOutput(member)));
            return new Fleet.Done(true, -1);
        }, this::words);
        int code = summary.exitCode();
        List<Map<String, Object>> rows = new ArrayList<>();
        int width = width(members);
        for (MemberResult r : summary.results()) {
            Online.Status s = statuses.get(r.member());
            String error = s == null ? r.error() : s.reachable() ? s.error() : words(s.error(), r.member());
            boolean clean = s != null && error == null && s.pending().isEmpty() && s.changed().isEmpty() && s.partial() == null
                    && s.invalidIndexes().isEmpty();
            code = Math.max(code, s == null ? 0 : !s.reachable() ? 3 : s.error() != null ? 2 : clean ? 0 : 1);
            if (command.json()) {
                Map<String, Object> m = row(r.member());
                m.put("up_to_date", clean);
                m.put("heads", s == null ? List.of() : s.heads());
                m.put("pending", s == null ? List.of() : s.pending().stream().map(Revision::id).toList());
                m.put("changed", s == null ? List.of() : s.changed());
                m.put("partial_failure", s == null ? null : StatusCommand.partialJson(s));
                m.put("invalid_indexes", s == null ? List.of() : s.invalidIndexes());
                m.put("error", error);
                rows.add(m);
                continue;
            }
            String name = pad(r.member(), width);
            if (error != null) {
                command.out().println(name + "  " + (s != null && !s.reachable() ? "unreachable: " : "error: ") + error);
            } else if (clean) {
                command.out().println(name + "  up to date (at " + (s.heads().isEmpty() ? "base" : String.join(", ", s.heads())) + ")");
            } else {
                List<String> problems = new ArrayList<>();
                if (!s.pending().isEmpty()) {
                    problems.add(s.pending().size() + " pending (" + String.join(", ", s.pending().stream().map(Revision::id).toList()) + ")");
                }
                if (!s.changed().isEmpty()) {
                    problems.add("changed: " + String.join(", ", s.changed()));
                }
                if (s.partial() != null) {
                    problems.add((s.partial().interrupted() ? "interrupted " : "partial failure of ") + s.partial().revision());
                }
                if (!s.invalidIndexes().isEmpty()) {
                    problems.add("invalid indexes: " + String.join(", ", s.invalidIndexes()));
                }
                command.out().println(name + "  not up to date: " + String.join("; ", problems));
            }
        }
        if (command.json()) {
            command.out().println(Json.write(rows));
        }
        return code;
    }

    /**
     * {@code diff} (or {@code diff --drift}) on every member, one after another (each fills the scratch
     * database in turn): each member's statements with its name on every line, or one line saying it
     * has none; exit 1 when any member differs, 3 when one cannot be reached.
     */
    int diff(boolean drift, Online.Options options) {
        List<TargetConfig> members = members(options.connectWait());
        Map<String, dev.strata.diff.Diff> diffs = new ConcurrentHashMap<>();
        java.util.function.Supplier<Project> project = project();
        Summary summary = reads(1).run(base.name(), members, Signals.stop(), (member, stop) -> {
            ConsoleOutput console = new ConsoleOutput(command.out(), command.err(), true, false);
            dev.strata.api.Autogenerate auto = new dev.strata.api.Autogenerate(project, member);
            diffs.put(member.name(), drift ? auto.drift(options, console, stop).diff() : auto.desired(options, console, false, List.of()).diff());
            return new Fleet.Done(true, -1);
        }, this::words);
        int code = summary.exitCode();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MemberResult r : summary.results()) {
            dev.strata.diff.Diff diff = diffs.get(r.member());
            List<String> statements = diff == null ? List.of() : dev.strata.diff.MigrationText.statements(diff);
            code = Math.max(code, statements.isEmpty() ? 0 : 1);
            if (command.json()) {
                Map<String, Object> m = row(r.member());
                m.putAll(diff == null ? Map.of("statements", List.of()) : DiffCommand.json(diff, statements));
                m.put("error", r.error());
                rows.add(m);
                continue;
            }
            String prefix = "[" + r.member() + "] ";
            if (diff == null) {
                command.out().println(prefix + "error: " + r.error());
                continue;
            }
            diff.warnings().forEach(w -> command.err().println(prefix + "warning: " + w));
            if (statements.isEmpty()) {
                command.out().println(prefix + "-- no differences");
            }
            for (String statement : statements) {
                for (String line : (statement.endsWith(";") ? statement : statement + ";").split("\n", -1)) {
                    command.out().println(prefix + line);
                }
            }
        }
        if (command.json()) {
            command.out().println(Json.write(rows));
        }
        return code;
    }

    /**
     * The one member a command that needs a single database works on ({@code revision --autogenerate}):
     * the member {@code --only} names; without it, a set of one member, else a usage error listing them.
     */
    TargetConfig single(String commandWords, Duration wait) {
        List<TargetConfig> members = members(wait);
        if (members.size() == 1) {
            return members.get(0);
        }
        List<String> names = members.stream().map(TargetConfig::name).toList();
        throw new dev.strata.error.BadInputException(commandWords + " works on one database, and target '" + base.name() + "' is a set of "
                + members.size() + (command.global.only.isEmpty() ? "" : " picked") + " members: name one with --only NAME ("
                + String.join(", ", names.size() > 5 ? names.subList(0, 5) : names) + (names.size() > 5 ? ", ..." : "") + ")");
    }

    /** {@code status}: each member's status, for the status table; a set whose members cannot be found gives one failed row. */
    List<Online.Status> statuses(Online.Options options, int parallel) {
        List<TargetConfig> members;
        try {
            members = members(options.connectWait());
        } catch (dev.strata.error.BadInputException e) {
            throw e; // --only naming an unknown member is a usage error
        } catch (dev.strata.error.StrataException e) {
            return List.of(Online.Status.failed(base.name(), "?", words(e.getMessage(), base.name())));
        }
        Map<String, Online.Status> statuses = new ConcurrentHashMap<>();
        java.util.function.Supplier<Project> project = project();
        reads(parallel).run(base.name(), members, Stop.never(), (member, stop) -> {
            try {
                statuses.put(member.name(), new Online(project, member).status(options, quietOutput(member)));
            } catch (dev.strata.error.StrataException e) {
                statuses.put(member.name(), Online.Status.failed(member.name(), "?", words(member, e)));
            }
            return new Fleet.Done(true, -1);
        }, this::words);
        return members.stream().map(m -> statuses.get(m.name())).toList();
    }

    /** Reads run members at once as asked, within the set's limit per server, and never stop early. */
    private Fleet reads(int parallel) {
        return new Fleet(parallel, set.maxConnectionsPerServer(), false);
    }

    /** The project, loaded once for every member's thread (the command's own loading is not shared safely). */
    private java.util.function.Supplier<Project> project() {
        Object lock = new Object();
        return () -> {
            synchronized (lock) {
                return command.project();
            }
        };
    }

    private Map<String, Object> row(String member) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", base.name());
        m.put("member", member);
        return m;
    }

    private MemberOutput output(TargetConfig member) {
        return new MemberOutput(member.name(), command.json() ? null : command.out(), command.err(), command.quiet(), command.verbose());
    }

    private MemberOutput quietOutput(TargetConfig member) {
        return new MemberOutput(member.name(), null, command.err(), command.quiet(), false);
    }

    /** Prints the run's end: the summary lines, or with --json one object with a result per member. */
    private int report(String commandWord, String done, Summary summary) {
        if (command.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", commandWord);
            doc.put("target", base.name());
            doc.put("exit_code", summary.exitCode());
            doc.put("stopped_by", summary.stoppedBy());
            Map<String, Object> counts = new LinkedHashMap<>();
            summary.counts().forEach((k, v) -> counts.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
            doc.put("counts", counts);
            List<Map<String, Object>> members = new ArrayList<>();
            for (MemberResult r : summary.results()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("member", r.member());
                m.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
                m.put("exit_code", r.exitCode());
                m.put("error", r.error());
                m.put("steps", r.steps() < 0 ? null : r.steps());
                m.put("duration_ms", r.millis());
                members.add(m);
            }
            doc.put("members", members);
            command.out().println(Json.write(doc));
            return summary.exitCode();
        }
        for (String line : summary.lines(done, command.verbose())) {
            command.out().println(line);
        }
        if (command.verbose()) {
            command.out().println("  at most " + summary.peakPerServer() + " at once on one server");
        }
        return summary.exitCode();
    }

    /** An error of a member in one line, its passwords masked, without the "target 'NAME': " the [NAME] prefix repeats. */
    private String words(TargetConfig member, RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = words(member.secrets().and(command.secrets()).scrub(message), member.name());
        if (!(e instanceof dev.strata.run.RunStoppedException) && !command.json()) {
            command.err().println("[" + member.name() + "] error: " + line);
        }
        return line;
    }

    private String words(String message, String member) {
        String line = command.secrets().scrub(message).replace("\r", "").replace('\n', ' ').strip();
        return VisibleText.of(line.replaceFirst("^target '" + java.util.regex.Pattern.quote(member) + "': ", ""));
    }

    private static int width(List<TargetConfig> members) {
        return members.stream().mapToInt(m -> m.name().length()).max().orElse(6);
    }

    private static String pad(String s, int width) {
        return String.format("%-" + width + "s", s);
    }
}
