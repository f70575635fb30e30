package dev.strata.cli;

import java.nio.file.Path;
import java.util.Map;

/** What the process was started with: its environment and working folder (tests give their own). */
record Environment(Map<String, String> variables, Path workingDir) {

    /** Whether a person watches the output: colour and progress lines only then. */
    Terminal terminal() {
        return Terminal.detect(variables);
    }
}
