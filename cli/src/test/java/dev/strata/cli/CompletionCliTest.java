package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shell completion scripts and "did you mean" suggestions for mistyped commands. */
class CompletionCliTest {

    @TempDir
    Path dir;

    @Test
    void bashCompletionKnowsEveryCommandAndItsOptions() throws Exception {
        Cli.Result r = new Cli(dir).run("completion", "bash");
        assertThat(r.code()).as(r.err()).isZero();
        for (String command : MigrateCommand.COMMANDS.keySet()) {
            assertThat(r.out()).as(command).contains(command);
        }
        assertThat(r.out()).contains("--lock-timeout", "--retry-partial", "--indicate-current", "complete -F");
        // The script is valid bash: sourcing it defines the completion without an error.
        Path script = dir.resolve("migrate.bash");
        Files.writeString(script, r.out());
        Process bash = new ProcessBuilder("bash", "-c", "source " + script + " && complete -p migrate").redirectErrorStream(true).start();
        assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String said = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.exitValue()).as(said).isZero();
        assertThat(said).contains("migrate");
    }

    @Test
    void zshCompletionLoadsBashCompatibility() {
        Cli.Result r = new Cli(dir).run("completion", "zsh");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n")
                .contains("complete -F");
    }

    @Test
    void anUnknownShellIsAUsageError() {
        Cli.Result r = new Cli(dir).run("completion", "fish");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("fish");
    }

    @Test
    void aMistypedCommandGetsASuggestion() throws IOException {
        Cli.Result r = new Cli(dir).run("upgarde", "head");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: unknown command 'upgarde'\nDid you mean 'upgrade'?");
        assertThat(new Cli(dir).run("histroy").err()).contains("Did you mean 'history'?");
        assertThat(new Cli(dir).run("frobnicate").err()).startsWith("error: unknown command 'frobnicate'\nTry 'migrate --help'");
    }

    @Test
    void aMistypedOptionGetsASuggestionWhereverItStands() {
        Cli cli = new Cli(dir);
        Cli.Result before = cli.run("upgrade", "--lock-timout", "5s", "heads");
        assertThat(before.code()).isEqualTo(2);
        assertThat(before.err().lines()).containsExactly("error: Unknown option: '--lock-timout'", "Did you mean '--lock-timeout'?",
                "Try 'migrate upgrade --help' for usage.");
        Cli.Result after = cli.run("upgrade", "heads", "--lock-timout", "5s");
        assertThat(after.err()).contains("Did you mean '--lock-timeout'?");
        assertThat(cli.run("--jsn", "status").err()).contains("error: Unknown option: '--jsn'", "Did you mean '--json'?");
        assertThat(cli.run("upgarde", "head", "--sql").err()).contains("Did you mean 'upgrade'?");
        assertThat(cli.run("status", "--frobnicate").err()).contains("Unknown option: '--frobnicate'").doesNotContain("Did you mean");
    }

    @Test
    void editDistanceCountsASwapAsOneEdit() {
        assertThat(Suggestions.distance("histroy", "history")).isEqualTo(1);
        assertThat(Suggestions.distance("--jsn", "--json")).isEqualTo(1);
        assertThat(Suggestions.closest("--lock-timout", java.util.List.of("--lock-timeout", "--wait", "--sql"))).isEqualTo("--lock-timeout");
        assertThat(Suggestions.closest("--zzzzzz", java.util.List.of("--json", "--sql"))).isNull();
    }
}
