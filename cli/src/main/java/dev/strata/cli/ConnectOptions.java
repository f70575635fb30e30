package dev.strata.cli;

import dev.strata.api.Online;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The option of every command that connects to a database. */
final class ConnectOptions {

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "0s",
            description = "Retry the connection until the database answers, up to this long (e.g. 60s). Default: no retry.")
    Duration wait;

    /** For the commands that only read: {@code lock} bounds the wait behind a lock on Strata's tables. */
    Online.Options toOptions(OnlineOptions.LockOption lock) {
        return new Online.Options(wait, lock.lockTimeout, false, false);
    }
}
