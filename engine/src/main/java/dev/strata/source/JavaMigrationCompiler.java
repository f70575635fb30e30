package dev.strata.source;

import dev.strata.ops.JavaMigration;
import dev.strata.ops.Migration;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles {@code .java} migrations into a cache and loads them. Each source compiles into its own
 * folder under the cache root, named by a key: the SHA-256 of its text, the Strata version, the Java
 * specification version and the compiler options. A key's classes are never compiled again, so a
 * run whose sources are all cached starts no compiler at all; the sources that are not cached are
 * compiled together in one javac task, since starting javac is most of the cost.
 *
 * <p>Concurrent runs (in threads or processes) may share a cache: each compiles into a temporary
 * folder and renames it into place; when another run got there first, its copy is kept and ours is
 * dropped.
 */
public final class JavaMigrationCompiler {

    /**
     * The javac options. {@code --release 17} pins the language and the JDK API to Strata's own
     * baseline, so a migration that compiles on one developer's newer JDK compiles on every JDK Strata
     * runs on; annotation processing is off, and warnings are not shown.
     */
    public static final List<String> OPTIONS = List.of(
            "--release", "17", "-proc:none", "-encoding", "UTF-8", "-g:source,lines", "-Xlint:none", "-implicit:none");

    private final Path cacheRoot;
    private final String toolVersion;
    private final Supplier<JavaCompiler> compilerLookup;

    /**
     * A compiler over {@code cacheRoot} that uses the running JDK's compiler.
     *
     * @param cacheRoot   the cache folder, usually {@link #defaultCacheRoot()}; created when needed
     * @param toolVersion Strata's version, part of every key (the caller passes {@code ToolVersion.get()})
     */
    public JavaMigrationCompiler(Path cacheRoot, String toolVersion) {
        this(cacheRoot, toolVersion, ToolProvider::getSystemJavaCompiler);
    }

    /**
     * As {@link #JavaMigrationCompiler(Path, String)} with another way to find a compiler; the lookup
     * runs only when something needs compiling, and a {@code null} answer means there is none (a JRE).
     */
    public JavaMigrationCompiler(Path cacheRoot, String toolVersion, Supplier<JavaCompiler> compilerLookup) {
        this.cacheRoot = Objects.requireNonNull(cacheRoot, "cacheRoot");
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
        this.compilerLookup = Objects.requireNonNull(compilerLookup, "compilerLookup");
    }

    /**
     * The cache root from the environment: {@code STRATA_CACHE_DIR}, else
     * {@code $XDG_CACHE_HOME/strata/java}, else {@code ~/.cache/strata/java}.
     */
    public static Path defaultCacheRoot() {
        return cacheRoot(System.getenv(), System.getProperty("user.home"));
    }

    /** As {@link #defaultCacheRoot()}, from the given environment variables and home folder. */
    public static Path cacheRoot(Map<String, String> env, String home) {
        String strata = env.get("STRATA_CACHE_DIR");
        if (strata != null && !strata.isBlank()) {
            return Path.of(strata);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        // The XDG spec says a relative value is invalid and is to be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "strata", "java");
        }
        return Path.of(home, ".cache", "strata", "java");
    }

    /** The cache folder. */
    public Path cacheRoot() {
        return cacheRoot;
    }

    /**
     * Compiles the sources the cache lacks (in one javac task), then loads every source's class, in
     * the order given, through one class loader whose parent is the engine's.
     *
     * @throws ScriptException when a source cannot be read, does not compile (naming the first
     *                         error's file and line), needs compiling on a JRE, declares a class
     *                         that is not a usable migration, or whose {@code @Migration} no longer
     *                         says what {@code headers} read; or when the cache cannot be used
     */
    public List<JavaMigrationClass> load(List<JavaHeader> headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        Map<String, JavaHeader> byName = new HashMap<>();
        for (JavaHeader h : headers) {
            JavaHeader other = byName.putIfAbsent(h.binaryName(), h);
            if (other != null) {
                throw new ScriptException(h.file(), h.line(), "class " + h.binaryName() + " is also declared by "
                        + other.file() + "; every Java migration needs a class name of its own");
            }
        }
        List<Source> sources = new ArrayList<>();
        for (JavaHeader h : headers) {
            String text = ScriptFiles.readText(h.file());
            sources.add(new Source(h, text, key(text)));
        }
        List<Source> uncached = sources.stream().filter(s -> !isCached(s)).toList();
        if (!uncached.isEmpty()) {
            compile(uncached);
        }
        return loadAll(sources);
    }

    // ---- keys and the cache ----

    // SHA-256 over length-prefixed parts, so no two different inputs run together into the same bytes.
    String key(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<String> parts = new ArrayList<>();
            parts.add("strata-java-cache-v1");
            parts.add(text);
            parts.add(toolVersion);
            parts.add(System.getProperty("java.specification.version"));
            parts.addAll(OPTIONS);
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update(HexFormat.of().toHexDigits(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java platform has SHA-256
        }
    }

    private Path folder(Source s) {
        return cacheRoot.resolve(s.key());
    }

    // A key's folder appears only by a rename of a complete folder, so its main class file says it is whole.
    private boolean isCached(Source s) {
        return Files.isRegularFile(classFile(folder(s), s.header()));
    }

    private static Path classFile(Path folder, JavaHeader h) {
        return folder.resolve(h.binaryName().replace('.', '/') + ".class");
    }

    private ScriptException cacheError(IOException e) {
        Path where = cacheRoot;
        if (e instanceof java.nio.file.FileSystemException fse && fse.getFile() != null) {
            where = Path.of(fse.getFile());
        }
        // Creating a folder under a file fails with "already exists" or ENOTDIR; both mean the same here.
        boolean notFolder = e instanceof java.nio.file.FileAlreadyExistsException
                || (e instanceof java.nio.file.FileSystemException fse && "Not a directory".equals(fse.getReason()));
        String what = notFolder ? "not a folder" : ScriptFiles.describe(e, true);
        return new ScriptException(where, 0, "Java class cache: " + what
                + " (set STRATA_CACHE_DIR to a writable folder)", e);
    }

    // ---- compiling ----

    private void compile(List<Source> sources) {
        JavaCompiler javac = compilerLookup.get();
        if (javac == null) {
            Source first = sources.get(0);
            String more = sources.size() > 1 ? " (and " + (sources.size() - 1) + " more Java migrations)" : "";
            throw new ScriptException(first.header().file(), 0, "needs compiling" + more
                    + ": run Strata on a JDK (javax.tools has no compiler on this JRE)");
        }
        Path work;
        try {
            Files.createDirectories(cacheRoot);
            work = Files.createTempDirectory(cacheRoot, ".tmp-");
        } catch (IOException e) {
            throw cacheError(e);
        }
        try {
            runJavac(javac, sources, work);
            for (Source s : sources) {
                moveIntoPlace(s, work);
            }
        } finally {
            deleteQuietly(work);
        }
    }

    private void runJavac(JavaCompiler javac, List<Source> sources, Path work) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        List<SourceFile> units = sources.stream().map(s -> new SourceFile(s, work.resolve(s.key()))).toList();
        boolean ok;
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
             Routing files = new Routing(standard)) {
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath());
            // No source path: javac would otherwise look for sources on the class path.
            standard.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
            standard.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(work));
            ok = javac.getTask(out, files, diagnostics, OPTIONS, null, units).call();
        } catch (IOException e) {
            throw cacheError(e);
        } catch (UncheckedIOException e) {
            throw cacheError(e.getCause());
        }
        if (!ok) {
            throw compileError(sources, diagnostics.getDiagnostics(), out.toString());
        }
    }

    private static ScriptException compileError(List<Source> sources, List<Diagnostic<? extends JavaFileObject>> all, String out) {
        List<Diagnostic<? extends JavaFileObject>> errors = all.stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more error" + (errors.size() > 2 ? "s" : "") + ")" : "";
        if (errors.isEmpty()) {
            String first = out.strip().lines().findFirst().orElse("javac failed without saying why");
            return new ScriptException(sources.get(0).header().file(), 0, "does not compile: " + first);
        }
        Diagnostic<? extends JavaFileObject> d = errors.get(0);
        Path file = sources.get(0).header().file();
        if (d.getSource() != null) {
            URI uri = d.getSource().toUri();
            file = sources.stream().map(s -> s.header().file()).filter(f -> f.toUri().equals(uri)).findFirst()
                    .orElse("file".equals(uri.getScheme()) ? Path.of(uri) : file);
        }
        long line = d.getLineNumber() == Diagnostic.NOPOS ? 0 : d.getLineNumber();
        List<String> lines = d.getMessage(Locale.ROOT).lines().toList();
        String message = lines.isEmpty() ? "error" : lines.get(0);
        // "cannot find symbol" names the symbol on the next line; without it the message says little.
        if (lines.size() > 1 && lines.get(1).strip().startsWith("symbol:")) {
            message += " (" + lines.get(1).strip().replaceAll("\\s+", " ") + ")";
        }
        return new ScriptException(file, (int) line, "does not compile: " + message + more);
    }

    // The engine's own code, jOOQ, and whatever else the JVM was started with: between them they
    // cover the shaded jar, Maven's test class path and an IDE's.
    static List<Path> classPath() {
        Set<Path> path = new LinkedHashSet<>();
        for (Class<?> c : List.of(JavaMigration.class, org.jooq.impl.DSL.class)) {
            Path p = codeSource(c);
            if (p != null) {
                path.add(p);
            }
        }
        String cp = System.getProperty("java.class.path", "");
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                path.add(Path.of(entry).toAbsolutePath());
            }
        }
        return new ArrayList<>(path);
    }

    private static Path codeSource(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (Exception e) {
            return null; // not a file (a nested jar, say); java.class.path has to do
        }
    }

    private void moveIntoPlace(Source s, Path work) {
        Path built = work.resolve(s.key());
        Path target = folder(s);
        try {
            if (!Files.isRegularFile(classFile(built, s.header()))) {
                throw new ScriptException(s.header().file(), s.header().line(), "javac wrote no class " + s.header().binaryName());
            }
            for (int attempt = 0; ; attempt++) {
                try {
                    Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
                    return;
                } catch (IOException e) {
                    if (isCached(s)) {
                        return; // another run moved its copy in first; ours is deleted with work
                    }
                    if (attempt > 0 || !Files.exists(target)) {
                        throw e;
                    }
                    // A folder without its class, left by hand or by a broken copy: set it aside and retry.
                    Files.move(target, work.resolve("broken-" + s.key()), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw cacheError(e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // A leftover temporary folder costs disk space, never correctness.
        }
    }

    // ---- loading ----

    private List<JavaMigrationClass> loadAll(List<Source> sources) {
        Set<URL> urls = new LinkedHashSet<>();
        for (Source s : sources) {
            try {
                urls.add(folder(s).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e); // a file: URI always makes a URL
            }
        }
        // Never closed: the classes stay usable as long as anything holds them, and directories hold no handles.
        URLClassLoader loader = new URLClassLoader("strata-java-migrations", urls.toArray(URL[]::new),
                JavaMigration.class.getClassLoader());
        List<JavaMigrationClass> loaded = new ArrayList<>(sources.size());
        for (Source s : sources) {
            loaded.add(loadOne(loader, s.header()));
        }
        return List.copyOf(loaded);
    }

    private static JavaMigrationClass loadOne(ClassLoader loader, JavaHeader h) {
        Class<?> type;
        try {
            type = Class.forName(h.binaryName(), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ScriptException(h.file(), h.line(), "compiled, but class " + h.binaryName() + " cannot be loaded: " + e, e);
        }
        if (type.getClassLoader() != loader) {
            Path other = codeSource(type);
            throw new ScriptException(h.file(), h.line(), "class " + h.binaryName() + " is also on Strata's classpath"
                    + (other == null ? "" : " (" + other + ")") + ", which wins; rename one of the two");
        }
        JavaMigrationClass.check(type, h.file(), h.line());
        Migration m = type.getAnnotation(Migration.class);
        if (m == null || !JavaMigrationClass.revisionOf(m, h.file().toString(), h.file(), h.line()).equals(h.revision())) {
            throw new ScriptException(h.file(), h.line(), "@Migration changed since the scripts were loaded; load them again");
        }
        @SuppressWarnings("unchecked") // checked by JavaMigrationClass.check
        Class<? extends JavaMigration> migration = (Class<? extends JavaMigration>) type;
        return new JavaMigrationClass(h.revision(), migration, h.file());
    }

    // ---- javac plumbing ----

    // A source as read once: the text javac compiles is the text the key was computed from.
    private record Source(JavaHeader header, String text, String key) {}

    private static final class SourceFile extends SimpleJavaFileObject {
        final Source source;
        final Path output;

        SourceFile(Source source, Path output) {
            super(source.header().file().toUri(), Kind.SOURCE);
            this.source = source;
            this.output = output;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source.text();
        }
    }

    private static final class ClassFile extends SimpleJavaFileObject {
        private final Path path;

        ClassFile(Path path) {
            super(path.toUri(), Kind.CLASS);
            this.path = path;
        }

        @Override
        public OutputStream openOutputStream() throws IOException {
            Files.createDirectories(path.getParent());
            return Files.newOutputStream(path);
        }
    }

    // Sends each class file (nested and anonymous ones included) to the folder of the source it came
    // from, so one javac task fills many keys' folders.
    private static final class Routing extends ForwardingJavaFileManager<StandardJavaFileManager> {
        Routing(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) throws IOException {
            if (location == StandardLocation.CLASS_OUTPUT && kind == JavaFileObject.Kind.CLASS && sibling instanceof SourceFile s) {
                return new ClassFile(s.output.resolve(className.replace('.', '/') + ".class"));
            }
            return super.getJavaFileForOutput(location, className, kind, sibling);
        }
    }

    /**
     * The checksum of what a source's migration renders, kept beside its cached classes by
     * {@link #rememberChecksum}, or null. It lets a run verify applied Java migrations without
     * loading jOOQ or compiling anything: the key covers the source and the tool version, and so
     * everything the rendering depends on.
     */
    public String cachedChecksum(JavaHeader h) {
        Path file = cachedFolder(h).resolve(CHECKSUM_FILE);
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null; // a cache that cannot be read is only slower
        }
    }

    /** Keeps {@code checksum} beside the source's cached classes, if they are cached; best effort. */
    public void rememberChecksum(JavaHeader h, String checksum) {
        Path folder = cachedFolder(h);
        if (!Files.isDirectory(folder)) {
            return;
        }
        Path temp = folder.resolve(CHECKSUM_FILE + "." + ProcessHandle.current().pid() + "." + Thread.currentThread().getId() + ".tmp");
        try {
            Files.writeString(temp, checksum + "\n", StandardCharsets.UTF_8);
            Files.move(temp, folder.resolve(CHECKSUM_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
        }
    }

    private static final String CHECKSUM_FILE = "strata.checksum";

    // For tests: the folder a header's classes are cached in.
    Path cachedFolder(JavaHeader h) {
        return cacheRoot.resolve(key(ScriptFiles.readText(h.file())));
    }
}
