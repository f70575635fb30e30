package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.graph.Revision;
import dev.strata.ops.JavaMigration;
import dev.strata.ops.Ops;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaMigrationCompilerTest {

    @TempDir
    Path dir;

    @TempDir
    Path cache;

    private static final String CREATE_T = """
            package migrations;

            import dev.strata.ops.JavaMigration;
            import dev.strata.ops.Migration;
            import dev.strata.ops.Ops;

            @Migration(revision = "a1", message = "create t")
            public class A1CreateT implements JavaMigration {
                @Override
                public void upgrade(Ops op) {
                    op.execute("CREATE TABLE t (id int)");
                }

                // A nested class lands in the same key's folder.
                static final class Helper {
                    Runnable r = () -> { };
                    Object o = new Object() { };
                }
            }
            """;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static List<JavaHeader> headers(Path... files) {
        return Stream.of(files).map(JavaHeader::read).toList();
    }

    // The system compiler, counting the javac tasks it starts and running hook after each task ends.
    private static final class Javac implements Supplier<JavaCompiler> {
        final AtomicInteger lookups = new AtomicInteger();
        final AtomicInteger tasks = new AtomicInteger();
        final Runnable afterTask;

        Javac(Runnable afterTask) {
            this.afterTask = afterTask;
        }

        Javac() {
            this(() -> { });
        }

        @Override
        public JavaCompiler get() {
            lookups.incrementAndGet();
            JavaCompiler real = ToolProvider.getSystemJavaCompiler();
            return (JavaCompiler) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JavaCompiler.class},
                    (proxy, method, args) -> {
                        Object result = invoke(method, real, args);
                        if (!method.getName().equals("getTask")) {
                            return result;
                        }
                        tasks.incrementAndGet();
                        JavaCompiler.CompilationTask task = (JavaCompiler.CompilationTask) result;
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JavaCompiler.CompilationTask.class},
                                (p, m, a) -> {
                                    Object r = invoke(m, task, a);
                                    if (m.getName().equals("call")) {
                                        afterTask.run();
                                    }
                                    return r;
                                });
                    });
        }

        private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private JavaMigrationCompiler compiler(Supplier<JavaCompiler> javac) {
        return new JavaMigrationCompiler(cache, "test-1", javac);
    }

    @Test
    void compilesLoadsAndRuns() throws IOException {
        Path file = write("A1CreateT.java", CREATE_T);
        Javac javac = new Javac();
        List<JavaMigrationClass> loaded = compiler(javac).load(headers(file));

        assertThat(javac.tasks).hasValue(1);
        JavaMigrationClass m = loaded.get(0);
        assertThat(m.file()).isEqualTo(file);
        assertThat(m.type().getName()).isEqualTo("migrations.A1CreateT");
        assertThat(m.revision()).isEqualTo(new Revision("a1", List.of(), List.of(), List.of(), "create t", null, true, file.toString()));
        Ops op = new Ops();
        m.newInstance().upgrade(op);
        assertThat(op.recorded()).hasSize(1);
        assertThat(op.recorded().get(0).op().statements()).containsExactly("CREATE TABLE t (id int)");
        assertThat(op.recorded().get(0).line()).as("line numbers are compiled in").isEqualTo(11);
        assertThat(m.type().getClassLoader().getParent()).isSameAs(JavaMigration.class.getClassLoader());
        try (Stream<Path> classes = Files.walk(cache)) {
            assertThat(classes.filter(p -> p.toString().endsWith(".class")).map(p -> p.getFileName().toString()))
                    .contains("A1CreateT.class", "A1CreateT$Helper.class", "A1CreateT$Helper$1.class");
        }
    }

    @Test
    void secondRunUsesTheCacheWithoutAnyCompiler() throws IOException {
        Path file = write("A1CreateT.java", CREATE_T);
        List<JavaHeader> headers = headers(file);
        compiler(new Javac()).load(headers);
        Path classFile = compiler(new Javac()).cachedFolder(headers.get(0)).resolve("migrations/A1CreateT.class");
        Files.setLastModifiedTime(classFile, FileTime.fromMillis(1_000_000_000_000L));

        // A lookup answering "no compiler" proves none is needed; the count proves none was looked for.
        AtomicInteger lookups = new AtomicInteger();
        List<JavaMigrationClass> again = compiler(() -> {
            lookups.incrementAndGet();
            return null;
        }).load(headers(file));

        assertThat(lookups).hasValue(0);
        assertThat(Files.getLastModifiedTime(classFile).toMillis()).isEqualTo(1_000_000_000_000L);
        Ops op = new Ops();
        again.get(0).newInstance().upgrade(op);
        assertThat(op.recorded()).hasSize(1);
    }

    @Test
    void compilesAllUncachedSourcesInOneTask() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            files.add(write("M" + i + ".java", migration("M" + i, "r" + i, i == 1 ? "" : "r" + (i - 1))));
        }
        Javac javac = new Javac();
        compiler(javac).load(headers(files.get(0)));
        List<JavaMigrationClass> all = compiler(javac).load(headers(files.toArray(Path[]::new)));

        assertThat(javac.tasks).as("one task for M1, then one for M2 and M3 together").hasValue(2);
        assertThat(all).extracting(m -> m.revision().id()).containsExactly("r1", "r2", "r3");
        assertThat(all).extracting(m -> m.revision().downRevisions()).containsExactly(List.of(), List.of("r1"), List.of("r2"));
    }

    private static String migration(String name, String id, String down) {
        return """
                import dev.strata.ops.*;

                @Migration(revision = "%s", downRevision = {%s})
                public class %s implements JavaMigration {
                    public void upgrade(Ops op) {
                        op.execute("SELECT '%s'");
                    }
                }
                """.formatted(id, down.isEmpty() ? "" : "\"" + down + "\"", name, id);
    }

    @Test
    void aChangedSourceGetsANewKey() throws IOException {
        Path file = write("A1CreateT.java", CREATE_T);
        Javac javac = new Javac();
        JavaMigrationCompiler compiler = compiler(javac);
        JavaHeader before = JavaHeader.read(file);
        Path first = compiler.cachedFolder(before);
        compiler.load(List.of(before));

        write("A1CreateT.java", CREATE_T.replace("CREATE TABLE t (id int)", "CREATE TABLE t (id bigint)"));
        JavaHeader after = JavaHeader.read(file);
        Path second = compiler.cachedFolder(after);
        List<JavaMigrationClass> loaded = compiler.load(List.of(after));

        assertThat(second).isNotEqualTo(first);
        assertThat(first).isDirectory();
        assertThat(second).isDirectory();
        assertThat(javac.tasks).hasValue(2);
        Ops op = new Ops();
        loaded.get(0).newInstance().upgrade(op);
        assertThat(op.recorded().get(0).op().statements()).containsExactly("CREATE TABLE t (id bigint)");
    }

    @Test
    void theKeyCoversTheToolVersion() {
        assertThat(new JavaMigrationCompiler(cache, "1").key("x")).isNotEqualTo(new JavaMigrationCompiler(cache, "2").key("x"));
        assertThat(new JavaMigrationCompiler(cache, "1").key("x")).isEqualTo(new JavaMigrationCompiler(cache, "1").key("x"))
                .hasSize(64);
    }

    @Test
    void aCompileErrorNamesFileLineAndHowManyMore() throws IOException {
        Path file = write("A1CreateT.java", CREATE_T
                .replace("op.execute(", "op.exceute(")
                .replace("Runnable r = () -> { };", "int r = \"no\";"));
        assertThatThrownBy(() -> compiler(new Javac()).load(headers(file)))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(11);
                    assertThat(e.problem()).isEqualTo(
                            "does not compile: cannot find symbol (symbol: method exceute(java.lang.String)) (and 1 more error)");
                    assertThat(e.getMessage()).startsWith(file + ":11: does not compile");
                });
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left).as("nothing cached, no temporary folder left").isEmpty();
        }
    }

    @Test
    void withoutACompilerNamesTheFileToCompile() throws IOException {
        Path file = write("A1CreateT.java", CREATE_T);
        Path other = write("M2.java", migration("M2", "r2", "a1"));
        assertThatThrownBy(() -> compiler(() -> null).load(headers(file, other)))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.problem()).isEqualTo("needs compiling (and 1 more Java migrations): "
                            + "run Strata on a JDK (javax.tools has no compiler on this JRE)");
                });
    }

    @Test
    void twoRunsCompilingAtOnceBothSucceed() throws Exception {
        Path file = write("A1CreateT.java", CREATE_T);
        List<JavaHeader> headers = headers(file);
        // Both tasks finish compiling before either moves its folder into place, so one must lose.
        CyclicBarrier bothCompiled = new CyclicBarrier(2);
        Runnable await = () -> {
            try {
                bothCompiled.await(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        Javac javac = new Javac(await);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<JavaMigrationClass>> a = pool.submit(() -> compiler(javac).load(headers));
            Future<List<JavaMigrationClass>> b = pool.submit(() -> compiler(javac).load(headers));
            JavaMigrationClass ma = a.get(120, TimeUnit.SECONDS).get(0);
            JavaMigrationClass mb = b.get(120, TimeUnit.SECONDS).get(0);
            assertThat(javac.tasks).hasValue(2);
            for (JavaMigrationClass m : List.of(ma, mb)) {
                Ops op = new Ops();
                m.newInstance().upgrade(op);
                assertThat(op.recorded()).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left).as("one key folder, no temporary ones").hasSize(1);
        }
    }

    @Test
    void refusesAHeaderThatChangedSinceItWasRead() throws IOException {
        Path file = write("A1CreateT.java", CREATE_T);
        JavaHeader read = JavaHeader.read(file);
        write("A1CreateT.java", CREATE_T.replace("create t", "create table t"));
        assertThatThrownBy(() -> compiler(new Javac()).load(List.of(read)))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(7);
                    assertThat(e.problem()).isEqualTo("@Migration changed since the scripts were loaded; load them again");
                });
    }

    @Test
    void refusesAClassThatIsNotAMigration() throws IOException {
        Path file = write("NotOne.java", """
                @dev.strata.ops.Migration(revision = "n1")
                public class NotOne {
                }
                """);
        Path noCtor = write("NoCtor.java", """
                @dev.strata.ops.Migration(revision = "n2")
                public class NoCtor implements dev.strata.ops.JavaMigration {
                    public NoCtor(int x) { }
                    public void upgrade(dev.strata.ops.Ops op) { }
                }
                """);
        assertThatThrownBy(() -> compiler(new Javac()).load(headers(file)))
                .hasMessage(file + ":1: class NotOne does not implement dev.strata.ops.JavaMigration");
        assertThatThrownBy(() -> compiler(new Javac()).load(headers(noCtor)))
                .hasMessage(noCtor + ":1: class NoCtor needs a public no-argument constructor");
    }

    @Test
    void refusesTwoFilesDeclaringOneClass() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a")).resolve("M1.java");
        Path b = Files.createDirectories(dir.resolve("b")).resolve("M1.java");
        Files.writeString(a, migration("M1", "r1", ""));
        Files.writeString(b, migration("M1", "r2", ""));
        assertThatThrownBy(() -> compiler(new Javac()).load(headers(a, b)))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.file()).isEqualTo(b);
                    assertThat(e.problem()).isEqualTo("class M1 is also declared by " + a
                            + "; every Java migration needs a class name of its own");
                });
    }

    @Test
    void anUnusableCacheIsAClearError() throws IOException {
        Path file = write("A1CreateT.java", CREATE_T);
        Path notAFolder = Files.writeString(dir.resolve("cache-file"), "x");
        assertThatThrownBy(() -> new JavaMigrationCompiler(notAFolder.resolve("java"), "t", new Javac()).load(headers(file)))
                .isInstanceOfSatisfying(ScriptException.class, e -> assertThat(e.getMessage())
                        .startsWith(notAFolder.toString())
                        .contains(": Java class cache: not a folder")
                        .endsWith("(set STRATA_CACHE_DIR to a writable folder)"));
    }

    @Test
    void defaultCacheRootFollowsTheEnvironment() {
        assertThat(JavaMigrationCompiler.cacheRoot(Map.of("STRATA_CACHE_DIR", "/c", "XDG_CACHE_HOME", "/x"), "/h"))
                .isEqualTo(Path.of("/c"));
        assertThat(JavaMigrationCompiler.cacheRoot(Map.of("XDG_CACHE_HOME", "/x"), "/h"))
                .isEqualTo(Path.of("/x/strata/java"));
        assertThat(JavaMigrationCompiler.cacheRoot(Map.of("XDG_CACHE_HOME", "relative"), "/h"))
                .isEqualTo(Path.of("/h/.cache/strata/java"));
        assertThat(JavaMigrationCompiler.cacheRoot(Map.of(), "/h")).isEqualTo(Path.of("/h/.cache/strata/java"));
    }

    @Test
    void findsMigrationsRegisteredWithServiceLoader() throws IOException {
        Path file = write("A1CreateT.java", CREATE_T);
        List<JavaHeader> headers = headers(file);
        JavaMigrationCompiler compiler = compiler(new Javac());
        compiler.load(headers);
        Path services = Files.createDirectories(dir.resolve("res/META-INF/services"));
        Files.writeString(services.resolve("dev.strata.ops.JavaMigration"), "# a comment\nmigrations.A1CreateT\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {
                compiler.cachedFolder(headers.get(0)).toUri().toURL(), dir.resolve("res").toUri().toURL()},
                JavaMigration.class.getClassLoader())) {
            List<JavaMigrationClass> found = JavaMigrationClass.registered(loader);
            assertThat(found).hasSize(1);
            assertThat(found.get(0).file()).isNull();
            assertThat(found.get(0).revision()).isEqualTo(new Revision("a1", List.of(), List.of(), List.of(), "create t", null,
                    true, "classpath:migrations.A1CreateT"));
            Ops op = new Ops();
            found.get(0).newInstance().upgrade(op);
            assertThat(op.recorded()).hasSize(1);
        }
    }

    @Test
    void aBadServiceEntryIsAClearError() throws IOException {
        Path services = Files.createDirectories(dir.resolve("res/META-INF/services"));
        Files.writeString(services.resolve("dev.strata.ops.JavaMigration"), "no.such.Migration\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("res").toUri().toURL()},
                JavaMigration.class.getClassLoader())) {
            assertThatThrownBy(() -> JavaMigrationClass.registered(loader))
                    .isInstanceOf(ScriptException.class)
                    .hasMessageContaining("no.such.Migration");
        }
    }
}
