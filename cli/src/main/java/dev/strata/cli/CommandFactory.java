package dev.strata.cli;

import picocli.CommandLine;

/** Hands every command the process {@link Environment}. */
final class CommandFactory implements CommandLine.IFactory {
    private final Environment environment;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(Environment environment) {
        this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        K instance = fallback.create(cls);
        if (instance instanceof BaseCommand command) {
            command.environment = environment;
        }
        return instance;
    }
}
