package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptLoaderTest {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    @TempDir
    Path root;

    private static Path script(Path dir, String name, String id) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), "-- revision: " + id + "\n-- migrate:upgrade\nSELECT 1;\n");
    }

    private static List<String> ids(List<Script> scripts) {
        return scripts.stream().map(s -> s.revision().id()).toList();
    }

    @Test
    void scansLocationsInOrderAndFilesByName() throws IOException {
        Path pg = root.resolve("postgres");
        Path ts = root.resolve("timescale");
        script(ts, "b_second.sql", "t2");
        script(ts, "a_first.sql", "t1");
        script(pg, "B.sql", "p_upper");
        script(pg, "a.sql", "p_lower");
        script(pg, "a_b.sql", "p_underscore");

        List<Script> scripts = ScriptLoader.load(List.of(ts, pg));

        // String order: upper case before lower case, '.' before '_'.
        assertThat(ids(scripts)).containsExactly("t1", "t2", "p_upper", "p_lower", "p_underscore");
        assertThat(scripts).extracting(Script::location).containsExactly(ts, ts, pg, pg, pg);
        assertThat(scripts.get(0).path()).isEqualTo(ts.resolve("a_first.sql"));
        assertThat(scripts.get(0).revision().origin()).isEqualTo(ts.resolve("a_first.sql").toString());
    }

    @Test
    void ignoresOtherFilesAndSubfolders() throws IOException {
        script(root, "1.sql", "one");
        Files.writeString(root.resolve("README.md"), "not a script");
        Files.writeString(root.resolve("2.sql~"), "editor backup");
        Files.writeString(root.resolve("3.SQL"), "upper-case extension");
        Files.writeString(root.resolve("4.py"), "print(1)");
        script(root.resolve("nested.sql"), "5.sql", "nested");

        assertThat(ids(ScriptLoader.load(List.of(root)))).containsExactly("one");
    }

    @Test
    void emptyFolderAndNoLocationsGiveNoScripts() {
        assertThat(ScriptLoader.load(List.of(root))).isEmpty();
        assertThat(ScriptLoader.load(List.of())).isEmpty();
    }

    @Test
    void missingFolderIsNamed() {
        Path missing = root.resolve("nowhere");
        assertThatThrownBy(() -> ScriptLoader.load(List.of(missing)))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.file()).isEqualTo(missing);
                    assertThat(e.getMessage()).isEqualTo(missing + ": script location: folder not found");
                });
    }

    @Test
    void fileGivenAsFolderIsNamed() throws IOException {
        Path file = script(root, "x.sql", "x");
        assertThatThrownBy(() -> ScriptLoader.load(List.of(file)))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.getMessage()).isEqualTo(file + ": script location: not a folder");
                });
    }

    @Test
    void unreadableFolderIsNamed() throws IOException {
        assumeFalse(ROOT, "root reads folders whatever their permissions");
        Path locked = Files.createDirectory(root.resolve("locked"));
        script(locked, "a.sql", "a");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assertThatThrownBy(() -> ScriptLoader.load(List.of(locked)))
                    .isInstanceOfSatisfying(ScriptException.class, e -> assertThat(e.getMessage())
                            .isEqualTo(locked + ": script location: permission denied"));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void unreadableFileIsNamed() throws IOException {
        assumeFalse(ROOT, "root reads files whatever their permissions");
        Path file = script(root, "a.sql", "a");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assertThatThrownBy(() -> ScriptLoader.load(List.of(root)))
                .isInstanceOfSatisfying(ScriptException.class, e -> assertThat(e.getMessage())
                        .isEqualTo(file + ": permission denied"));
    }

    @Test
    void fileThatVanishedIsNamed() {
        Path gone = root.resolve("gone.sql");
        assertThatThrownBy(() -> SqlScript.read(gone, root))
                .isInstanceOfSatisfying(ScriptException.class, e -> assertThat(e.getMessage())
                        .isEqualTo(gone + ": file not found"));
        SqlScript script = new SqlScript(gone, root, dev.strata.graph.Revision.of("g", List.of(), List.of(), List.of()));
        assertThatThrownBy(script::body)
                .isInstanceOfSatisfying(ScriptException.class, e -> assertThat(e.getMessage())
                        .isEqualTo(gone + ": file not found"));
    }

    @Test
    void invalidUtf8InHeaderFailsTheLoadWithItsLine() throws IOException {
        Path file = root.resolve("a.sql");
        Files.write(file, bytes("-- revision: r\n-- message: caf", new byte[] {(byte) 0xE9}, "\n-- migrate:upgrade\n"));
        assertThatThrownBy(() -> ScriptLoader.load(List.of(root)))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.problem()).startsWith("not valid UTF-8 (byte 0xe9)");
                });
    }

    @Test
    void invalidUtf8InBodyFailsWhenTheBodyIsRead() throws IOException {
        Path file = root.resolve("a.sql");
        Files.write(file, bytes("-- revision: r\n-- message: café\n-- migrate:upgrade\r\nSELECT '",
                new byte[] {(byte) 0xC3, (byte) 0x28}, "';\n"));
        SqlScript script = (SqlScript) ScriptLoader.load(List.of(root)).get(0);
        assertThat(script.revision().message()).isEqualTo("café");
        for (Runnable read : List.<Runnable>of(script::body, script::text, script::checksum)) {
            assertThatThrownBy(read::run)
                    .isInstanceOfSatisfying(ScriptException.class, e -> {
                        assertThat(e.file()).isEqualTo(file);
                        assertThat(e.line()).isEqualTo(4);
                        assertThat(e.problem()).startsWith("not valid UTF-8");
                    });
        }
    }

    @Test
    void firstBadScriptInOrderIsReported() throws IOException {
        for (int i = 0; i < 200; i++) {
            script(root, String.format("%03d.sql", i), "r" + i);
        }
        Files.writeString(root.resolve("150.sql"), "-- revision: bad id\n-- migrate:upgrade\n");
        Files.writeString(root.resolve("120.sql"), "-- nonsense\n-- migrate:upgrade\n");
        Files.writeString(root.resolve("180.sql"), "no header at all\n");
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThatThrownBy(() -> ScriptLoader.load(List.of(root)))
                    .isInstanceOfSatisfying(ScriptException.class,
                            e -> assertThat(e.file()).isEqualTo(root.resolve("120.sql")));
        }
    }

    @Test
    void manyScriptsKeepTheirOrder() throws IOException {
        for (int i = 0; i < 500; i++) {
            script(root, String.format("%04d_x.sql", i), "r" + i);
        }
        List<String> ids = ids(ScriptLoader.load(List.of(root)));
        assertThat(ids).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(ids.get(i)).isEqualTo("r" + i);
        }
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }
}
