package dev.strata.testkit;

import dev.strata.testing.TestDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * For the kit's own tests: a new, empty PostgreSQL database of the test class's own (the engine's
 * {@link TestDatabase}: the local server, or the one STRATA_TEST_PG_URL names), handed to
 * {@link StrataDatabase} the way a user's CI would, through {@code -Dstrata.test.url.TARGET}.
 * Register it before {@code @StrataDatabase} so that it runs first; it drops the database after the class.
 */
final class LocalPostgres implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalPostgres.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase db = TestDatabase.create("testkit");
        context.getStore(NAMESPACE).put("db", db);
        System.setProperty(property(context), db.jdbcUrl());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty(property(context));
        context.getStore(NAMESPACE).get("db", TestDatabase.class).close();
    }

    private static String property(ExtensionContext context) {
        StrataDatabase a = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), StrataDatabase.class).orElseThrow();
        return "strata.test.url." + a.target();
    }
}
