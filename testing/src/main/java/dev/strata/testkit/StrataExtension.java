package dev.strata.testkit;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link StrataDatabase}: before a class's first test it gets the database and
 * migrates it (once per run for every class asking the same), before each test it resets it when
 * asked, and it resolves parameters of type {@link DataSource} and {@link MigratedDatabase}.
 */
public final class StrataExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StrataExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        prepared(context).database();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (annotation(context).reset() == Reset.PER_TEST) {
            prepared(context).reset();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DataSource.class || type == MigratedDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        MigratedDatabase db = prepared(context).database();
        return parameter.getParameter().getType() == DataSource.class ? db.dataSource() : db;
    }

    /**
     * The class's database, made on first use: the constructor of a {@code PER_CLASS} test instance
     * may ask before {@link #beforeAll} runs. Kept in the root store, so that the classes asking the
     * same share it and it is closed at the end of the run.
     */
    private static PreparedDatabase prepared(ExtensionContext context) {
        Settings settings = Settings.current();
        // Read once per class (its config file, the environment); a method's store sees its class's.
        ExtensionContext owner = context.getTestMethod().isPresent() ? context.getParent().orElse(context) : context;
        Request request = owner.getStore(NAMESPACE).getOrComputeIfAbsent(Request.class,
                type -> Request.of(annotation(context), settings), Request.class);
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(request.key(),
                key -> PreparedDatabase.prepare(request, settings), PreparedDatabase.class);
    }

    /** The annotation on the test class, a superclass, or an enclosing class of a {@code @Nested} one. */
    private static StrataDatabase annotation(ExtensionContext context) {
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<StrataDatabase> found = AnnotationSupport.findAnnotation((AnnotatedElement) c, StrataDatabase.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new ExtensionConfigurationException("StrataExtension needs @StrataDatabase on the test class ("
                + context.getRequiredTestClass().getName() + ")");
    }
}
