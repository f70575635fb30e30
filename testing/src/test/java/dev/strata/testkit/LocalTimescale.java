package dev.strata.testkit;

import dev.strata.testing.TestTimescale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For the kit's own tests: the engine's shared TimescaleDB test database ({@link TestTimescale}: the
 * server STRATA_TEST_TIMESCALE_URL names, which bin/test starts), emptied once per run and handed to
 * {@link StrataDatabase} through {@code -Dstrata.test.url.timescale}. Once per run, because the kit
 * keeps a migrated database for the whole run: a second emptying would pull it from under it.
 */
final class LocalTimescale implements BeforeAllCallback, AfterAllCallback {

    private static boolean emptied;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (LocalTimescale.class) {
            if (!emptied) {
                TestTimescale.server().reset();
                emptied = true;
            }
        }
        System.setProperty("strata.test.url.timescale", TestTimescale.server().jdbcUrl());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty("strata.test.url.timescale");
    }
}
