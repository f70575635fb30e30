package dev.strata.source;

import dev.strata.graph.Revision;
import dev.strata.ops.JavaMigration;
import dev.strata.ops.Migration;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * A loaded Java migration class and the revision its {@link Migration} annotation declares: either
 * compiled from a {@code .java} file by {@link JavaMigrationCompiler}, or found on the classpath by
 * {@link #registered(ClassLoader)}. Nothing is instantiated until {@link #newInstance()}.
 *
 * @param revision the revision; its origin is the source file, or {@code classpath:<class name>}
 * @param type     the class, public, concrete, with a public no-argument constructor
 * @param file     the {@code .java} file it was compiled from, or {@code null} for a classpath class
 */
public record JavaMigrationClass(Revision revision, Class<? extends JavaMigration> type, Path file) {

    public JavaMigrationClass {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(type, "type");
    }

    /**
     * The migrations registered with {@link ServiceLoader} under
     * {@code META-INF/services/dev.strata.ops.JavaMigration} that {@code loader} sees, in the order it
     * lists them. Their classes are loaded (not initialised) to read the annotation; none is
     * instantiated, so this costs a class load per migration, not a classpath scan.
     *
     * @throws ScriptException for a registered class that cannot be loaded, does not implement
     *                         {@link JavaMigration}, has no public no-argument constructor, or has
     *                         no valid {@link Migration} annotation
     */
    public static List<JavaMigrationClass> registered(ClassLoader loader) {
        List<JavaMigrationClass> found = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<JavaMigration> provider : ServiceLoader.load(JavaMigration.class, loader)
                    .stream().toList()) {
                Class<? extends JavaMigration> type = provider.type();
                check(type, null, 0);
                Migration m = type.getAnnotation(Migration.class);
                if (m == null) {
                    throw new ScriptException(null, 0, classpath(type) + ": registered as a JavaMigration but has no @Migration");
                }
                found.add(new JavaMigrationClass(revisionOf(m, classpath(type), null, 0), type, null));
            }
        } catch (ServiceConfigurationError e) {
            // Its message is already one line naming the service and the class.
            throw new ScriptException(null, 0, "classpath: " + e.getMessage(), e);
        }
        return Collections.unmodifiableList(found);
    }

    /** {@link #registered(ClassLoader)} with the engine's own class loader. */
    public static List<JavaMigrationClass> registered() {
        return registered(JavaMigration.class.getClassLoader());
    }

    /**
     * A new instance of the migration.
     *
     * @throws ScriptException when its constructor throws
     */
    public JavaMigration newInstance() {
        try {
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new ScriptException(file, 0, where() + "its constructor failed: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new ScriptException(file, 0, where() + "cannot be instantiated: " + e, e);
        }
    }

    private String where() {
        return file == null ? classpath(type) + ": " : "";
    }

    private static String classpath(Class<?> type) {
        return "classpath:" + type.getName();
    }

    // What the graph needs of a class: a public concrete JavaMigration with a public no-arg constructor.
    static void check(Class<?> type, Path file, int line) {
        String prefix = file == null ? classpath(type) + ": " : "";
        if (!JavaMigration.class.isAssignableFrom(type)) {
            throw new ScriptException(file, line, prefix + "class " + type.getName() + " does not implement " + JavaMigration.class.getName());
        }
        int mods = type.getModifiers();
        if (!Modifier.isPublic(mods) || Modifier.isAbstract(mods) || type.isInterface()) {
            throw new ScriptException(file, line, prefix + "class " + type.getName() + " must be public and not abstract");
        }
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new ScriptException(file, line, prefix + "class " + type.getName() + " needs a public no-argument constructor");
        }
    }

    // The revision a runtime annotation declares, checked as JavaHeader checks the source's.
    static Revision revisionOf(Migration m, String origin, Path file, int line) {
        String prefix = file == null ? origin + ": " : "";
        List<String> ids = new ArrayList<>();
        ids.add(m.revision());
        ids.addAll(Arrays.asList(m.downRevision()));
        ids.addAll(Arrays.asList(m.dependsOn()));
        for (String id : ids) {
            if (!Revision.isValidId(id)) {
                throw new ScriptException(file, line, prefix + "invalid revision id \"" + id
                        + "\" in @Migration (ids use letters, digits, '_' and '.')");
            }
        }
        return new Revision(m.revision(), List.of(m.downRevision()), List.of(m.branchLabels()), List.of(m.dependsOn()),
                m.message(), m.createDate().isEmpty() ? null : m.createDate(), m.transactional(), origin);
    }
}
