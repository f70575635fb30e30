package dev.strata.cli;

import dev.strata.api.Online;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the commands that run migrations (upgrade, downgrade). */
final class OnlineOptions {

    @Mixin
    ConnectOptions connect;

    @Mixin
    LockOption lock;

    @Option(names = "--allow-changed", description = "Run even though scripts of applied revisions changed since they ran (and accept them).")
    boolean allowChanged;

    @Option(names = "--retry-partial", description = "Rerun a revision that failed part-way outside a transaction.")
    boolean retryPartial;

    Online.Options toOptions() {
        return new Online.Options(connect.wait, lock.lockTimeout, allowChanged, retryPartial);
    }

    /** The lock timeout, shared with stamp. */
    static final class LockOption {
        @Option(names = "--lock-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
                description = "How long to wait for another run's migration lock. Default: ${DEFAULT-VALUE}.")
        Duration lockTimeout;
    }
}
