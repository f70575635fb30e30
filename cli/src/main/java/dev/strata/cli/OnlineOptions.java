package dev.strata.cli;

import dev.strata.api.Online;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of the commands that change a database. */
final class OnlineOptions {

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "0s",
            description = "Retry the connection until the database answers, up to this long (e.g. 60s). Default: no retry.")
    Duration wait;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "How long to wait for another run's migration lock. Default: ${DEFAULT-VALUE}.")
    Duration lockTimeout;

    @Option(names = "--allow-changed", description = "Run even though scripts of applied revisions changed since they ran.")
    boolean allowChanged;

    @Option(names = "--retry-partial", description = "Rerun a revision that failed part-way outside a transaction.")
    boolean retryPartial;

    Online.Options toOptions() {
        return new Online.Options(wait, lockTimeout, allowChanged, retryPartial);
    }
}
