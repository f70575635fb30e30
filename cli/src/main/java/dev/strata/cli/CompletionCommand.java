package dev.strata.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code migrate completion bash|zsh}: a shell completion script for every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a completion script for bash or zsh.",
                "bash: source <(migrate completion bash)   zsh: source <(migrate completion zsh)"})
final class CompletionCommand extends BaseCommand {

    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        // Main registers only the command being run; the script must know all of them.
        CommandLine full = new CommandLine(new MigrateCommand(), new CommandFactory(environment));
        MigrateCommand.COMMANDS.forEach((name, type) -> full.addSubcommand(name, new CommandLine(type, new CommandFactory(environment))));
        String script = AutoComplete.bash("migrate", full);
        if (shell == Shell.zsh) {
            // picocli's script runs in zsh through its bash-completion emulation.
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        out().print(script);
        out().flush();
        return 0;
    }
}
