package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.graph.Revision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JavaHeaderTest {

    @TempDir
    Path dir;

    private static final Path FILE = Path.of("loc", "M1.java");

    private static JavaHeader parse(String text) {
        return JavaHeader.parse(FILE, text);
    }

    private static Revision rev(String id, List<String> down, List<String> labels, List<String> depends, String message,
            String date, boolean transactional) {
        return new Revision(id, down, labels, depends, message, date, transactional, FILE.toString());
    }

    @Test
    void readsEveryMember() throws IOException {
        Path file = Files.writeString(dir.resolve("AddPings.java"), """
                package app.migrations;

                import dev.strata.ops.JavaMigration;
                import dev.strata.ops.Migration;
                import dev.strata.ops.Ops;

                /** Adds the pings table. */
                @Migration(
                        revision = "3f2a9c1d7e4b",
                        downRevision = {"1a2b3c4d5e6f", "0b1c"},
                        branchLabels = "timescale",
                        dependsOn = {},
                        message = "add \\"pings\\" table",
                        createDate = "2026-11-21 10:00:00",
                        transactional = false)
                public final class AddPings implements JavaMigration {
                    @Override
                    public void upgrade(Ops op) {
                        op.execute("CREATE TABLE pings (id int)");
                    }
                }
                """, StandardCharsets.UTF_8);
        JavaHeader h = JavaHeader.read(file);
        assertThat(h.packageName()).isEqualTo("app.migrations");
        assertThat(h.className()).isEqualTo("AddPings");
        assertThat(h.binaryName()).isEqualTo("app.migrations.AddPings");
        assertThat(h.line()).isEqualTo(8);
        assertThat(h.revision()).isEqualTo(new Revision("3f2a9c1d7e4b", List.of("1a2b3c4d5e6f", "0b1c"), List.of("timescale"),
                List.of(), "add \"pings\" table", "2026-11-21 10:00:00", false, file.toString()));
    }

    static Stream<Arguments> goodHeaders() {
        Revision plain = rev("a1", List.of(), List.of(), List.of(), "", null, true);
        return Stream.of(
                Arguments.of("minimal, no package", """
                        @Migration(revision = "a1") public class M1 {}
                        """, "", plain),
                Arguments.of("fully qualified annotation, other annotations and modifiers around it", """
                        package p;
                        @SuppressWarnings({"unused", "x"}) @Deprecated
                        final @dev.strata.ops.Migration(revision="a1") public class M1 extends Object implements Runnable {
                            public void run() {}
                        }
                        """, "p", plain),
                Arguments.of("comments and newlines everywhere", """
                        // @Migration(revision = "nope")
                        package /* here */ p . q;
                        /* @Migration(revision = "nope2") */
                        @Migration( // a comment
                            revision /* id */ =
                              "a1" , // trailing
                            message
                            = "m" /* done */ )
                        public class M1 { String s = "}{"; char c = '}'; String t = \"""
                            } @Migration(revision = "inside a text block") {
                            \"""; }
                        """, "p.q", rev("a1", List.of(), List.of(), List.of(), "m", null, true)),
                Arguments.of("escapes and Unicode escapes", """
                        @Migration(revision = "a\\u0031", message = "tab\\there \\\\ \\"q\\" \\u00e9 \\101\\s!", createDate = "")
                        public class M1 {}
                        """, "", rev("a1", List.of(), List.of(), List.of(), "tab\there \\ \"q\" \u00e9 A !", null, true)),
                Arguments.of("a Unicode-escaped quote closes nothing early", """
                        @Migration(revision = "a1", message = "say \\u005c"hi\\u005c"")
                        public class M1 {}
                        """, "", rev("a1", List.of(), List.of(), List.of(), "say \"hi\"", null, true)),
                Arguments.of("single strings for arrays, trailing comma in an array, true", """
                        @Migration(revision = "m", downRevision = {"a", "b",}, branchLabels = "x", dependsOn = "c.d",
                                   transactional = true)
                        public class M1 {}
                        """, "", rev("m", List.of("a", "b"), List.of("x"), List.of("c.d"), "", null, true)),
                Arguments.of("other top-level types beside it", """
                        import dev.strata.ops.*;
                        import static java.util.List.of;
                        @Migration(revision = "a1") public class M1 {}
                        record Helper(int a) { Helper { if (a < 0) { throw new IllegalArgumentException(); } } }
                        non-sealed interface X {}
                        @interface Y { String value(); }
                        enum E { A, B; }
                        """, "", plain));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodHeaders")
    void readsGoodHeaders(String name, String text, String pkg, Revision expected) {
        JavaHeader h = parse(text);
        assertThat(h.packageName()).isEqualTo(pkg);
        assertThat(h.className()).isEqualTo("M1");
        assertThat(h.revision()).isEqualTo(expected);
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                Arguments.of("constant reference", """
                        @Migration(
                            revision = Ids.A1)
                        public class M1 {}
                        """, 2, "member 'revision' must be a string literal, not a constant reference (Ids)"),
                Arguments.of("concatenation", """
                        @Migration(revision = "a1",
                                   message = "a" + "b")
                        public class M1 {}
                        """, 2, "member 'message' must be a string literal, not a concatenation"),
                Arguments.of("concatenation in an array", """
                        @Migration(revision = "a1", downRevision = {"a" +
                            "b"})
                        public class M1 {}
                        """, 1, "not a concatenation"),
                Arguments.of("constant in an array", """
                        @Migration(revision = "a1",
                                   downRevision = {"a", B})
                        public class M1 {}
                        """, 2, "member 'downRevision' must be a string literal or {\"...\", ...}, not a constant reference (B)"),
                Arguments.of("text block", """
                        @Migration(revision = "a1", message =
                          \"""
                          hi\""")
                        public class M1 {}
                        """, 2, "not a text block"),
                Arguments.of("string for a boolean", """
                        @Migration(revision = "a1", transactional = "false")
                        public class M1 {}
                        """, 1, "member 'transactional' must be true or false, not \"false\""),
                Arguments.of("array for a string", """
                        @Migration(revision = {"a1"})
                        public class M1 {}
                        """, 1, "must be a string literal, not '{'"),
                Arguments.of("missing annotation", """
                        package p;

                        public class M1 {}
                        """, 3, "class M1 has no @Migration annotation"),
                Arguments.of("duplicated annotation", """
                        @Migration(revision = "a1")
                        @Migration(revision = "a2")
                        public class M1 {}
                        """, 2, "@Migration given twice (first on line 1)"),
                Arguments.of("annotation on another class", """
                        public class M1 {}

                        @Migration(revision = "a1")
                        class Other {}
                        """, 3, "@Migration is on Other, but the file's public class is M1"),
                Arguments.of("unknown member", """
                        @Migration(revision = "a1",
                          down_revision = "a0")
                        public class M1 {}
                        """, 2, "unknown @Migration member 'down_revision' (known: revision, downRevision, branchLabels, dependsOn, message, createDate, transactional)"),
                Arguments.of("member given twice", """
                        @Migration(revision = "a1",
                          revision = "a2")
                        public class M1 {}
                        """, 2, "'revision' given twice (first on line 1)"),
                Arguments.of("missing revision", """

                        @Migration(message = "x")
                        public class M1 {}
                        """, 2, "@Migration has no revision = \"...\""),
                Arguments.of("no members", """
                        @Migration
                        public class M1 {}
                        """, 1, "@Migration has no revision"),
                Arguments.of("single-element form", """
                        @Migration("a1")
                        public class M1 {}
                        """, 1, "@Migration takes named members, as in revision = \"...\"; found \"a1\""),
                Arguments.of("bad revision id", """
                        @Migration(revision = "a-1")
                        public class M1 {}
                        """, 1, "invalid revision id \"a-1\" in revision"),
                Arguments.of("bad down revision id", """
                        @Migration(revision = "a1",
                                   downRevision = {"ok", "no way"})
                        public class M1 {}
                        """, 2, "invalid revision id \"no way\" in downRevision"),
                Arguments.of("empty down revision", """
                        @Migration(revision = "a1", downRevision = "")
                        public class M1 {}
                        """, 1, "a root has downRevision = {}"),
                Arguments.of("bad depends_on id", """
                        @Migration(revision = "a1", dependsOn = "x y")
                        public class M1 {}
                        """, 1, "invalid revision id \"x y\" in dependsOn"),
                Arguments.of("class named unlike its file", """
                        @Migration(revision = "a1")
                        public class Other {}
                        """, 2, "public class Other must be named after its file: M1"),
                Arguments.of("no public class", """
                        @Migration(revision = "a1")
                        class M1 {}
                        """, 2, "no public top-level class"),
                Arguments.of("an interface", """
                        @Migration(revision = "a1")
                        public interface M1 {}
                        """, 2, "M1 must be a class, not an interface"),
                Arguments.of("a foreign Migration annotation", """
                        import com.example.Migration;
                        @Migration(revision = "a1")
                        public class M1 {}
                        """, 1, "@Migration here is com.example.Migration, not dev.strata.ops.Migration"),
                Arguments.of("trailing comma after the members", """
                        @Migration(revision = "a1",)
                        public class M1 {}
                        """, 1, "',' after its last member"),
                Arguments.of("unclosed string", """
                        @Migration(revision = "a1)
                        public class M1 {}
                        """, 1, "string literal is never closed"),
                Arguments.of("unclosed comment", """
                        @Migration(revision = "a1")
                        /* oops
                        public class M1 {}
                        """, 2, "comment '/*' is never closed"),
                Arguments.of("unclosed class body", """
                        @Migration(revision = "a1")
                        public class M1 {
                          void f() {}
                        """, 2, "'{' is never closed"),
                Arguments.of("bad escape", """
                        @Migration(revision = "a1", message = "\\q")
                        public class M1 {}
                        """, 1, "invalid escape '\\q'"),
                Arguments.of("bad Unicode escape", """
                        @Migration(revision = "a1")

                        public class M1 { String s = "\\u00zz"; }
                        """, 3, "malformed Unicode escape"),
                Arguments.of("something that is not Java", """
                        @Migration(revision = "a1")
                        public class M1 {}
                        42
                        """, 3, "expected a package, import or type declaration, found '42'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHeaders")
    void refusesBadHeadersNamingTheLine(String name, String text, int line, String problem) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.file()).isEqualTo(FILE);
                    assertThat(e.problem()).contains(problem);
                    assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
                });
    }

    @Test
    void readIsStrictUtf8() throws IOException {
        Path file = Files.write(dir.resolve("M1.java"), new byte[] {'/', '/', '\n', '/', '/', (byte) 0xC3, '\n'});
        assertThatThrownBy(() -> JavaHeader.read(file))
                .isInstanceOfSatisfying(ScriptException.class, e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void classNameIsTheFileName() {
        assertThat(JavaHeader.className(Path.of("a", "b", "V1AddPings.java"))).isEqualTo("V1AddPings");
    }
}
