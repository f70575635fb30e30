package dev.strata.api;

import dev.strata.plan.Step;
import java.util.ArrayList;
import java.util.List;

/** An {@link Online.Output} that keeps every line, steps as the CLI prints them. */
final class RecordingOutput implements Online.Output {

    final List<String> lines = new ArrayList<>();

    @Override
    public void info(String line) {
        lines.add(line);
    }

    @Override
    public void stepStarting(Step step) {
        lines.add("Running " + step.describe());
    }
}
