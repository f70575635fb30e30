package dev.strata.cli;

import dev.strata.api.Online;
import dev.strata.error.StrataException;
import dev.strata.plan.Step;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --json} for the commands that change a database ({@code upgrade}, {@code downgrade},
 * {@code stamp}): one object on stdout at the end, also when the run fails (then with the error, and
 * the steps that finished before it); notices still go to stderr.
 */
final class JsonRunReport implements Online.Output {

    private final PrintWriter out;
    private final ConsoleOutput notices;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private Map<String, Object> running;

    JsonRunReport(PrintWriter out, PrintWriter err, boolean quiet, String command, String target, String destination) {
        this.out = out;
        this.notices = new ConsoleOutput(new PrintWriter(java.io.Writer.nullWriter()), err, quiet, false);
        report.put("command", command);
        report.put("target", target);
        report.put("destination", destination);
    }

    @Override
    public void info(String line) {
        notices.info(line);
    }

    @Override
    public void stepStarting(Step step) {
        running = new LinkedHashMap<>();
        running.put("revision", step.revision().id());
        running.put("direction", step.direction().word());
        running.put("from", step.from());
        running.put("to", step.to());
        running.put("message", step.revision().message());
        running.put("transactional", step.transactional());
        running.put("outcome", "started");
        running.put("duration_ms", null);
        steps.add(running);
    }

    @Override
    public void stepDone(Step step, long millis) {
        if (running != null) {
            running.put("outcome", "applied");
            running.put("duration_ms", millis);
            running = null;
        }
    }

    /** Prints the report of a run that finished; {@code fields} add what the command knows (heads before and after). */
    void succeeded(Map<String, Object> fields) {
        report.putAll(fields);
        report.put("outcome", steps.isEmpty() && !fields.containsKey("after") ? "nothing to do" : "ok");
        report.put("steps", steps);
        report.put("error", null);
        print();
    }

    /** Prints the report of a run that failed: the step that was running is marked failed. */
    void failed(StrataException e) {
        if (running != null) {
            running.put("outcome", "failed");
        }
        report.put("outcome", "failed");
        report.put("steps", steps);
        report.put("error", e.getMessage());
        report.put("exit_code", e.exitCode());
        print();
    }

    private void print() {
        out.println(Json.write(report));
        out.flush();
    }
}
