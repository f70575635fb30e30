package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaTemplateTest {

    @TempDir
    Path dir;

    private static NewScript java(String revision, String message) {
        return new NewScript(revision, List.of("1a2b3c4d5e6f"), List.of("timescale"), List.of("a.b"), message,
                "2026-11-21 10:00:00", true, "", "", true);
    }

    @Test
    void classNameStartsWithTheRevisionAndIsAnIdentifier() {
        assertThat(ScriptWriter.fileName(java("3f2a9c1d7e4b", "Add ping_results hypertable!")))
                .isEqualTo("V3f2a9c1d7e4b_AddPingResultsHypertable.java");
        assertThat(ScriptWriter.fileName(java("v1.2", ""))).isEqualTo("Vv1_2.java");
    }

    @Test
    void rendersTheAnnotationAndAnEmptyUpgrade() {
        assertThat(ScriptWriter.render(java("3f2a9c1d7e4b", "say \"hi\" \\ there"))).isEqualTo("""
                import dev.strata.ops.JavaMigration;
                import dev.strata.ops.Migration;
                import dev.strata.ops.Ops;

                @Migration(
                        revision = "3f2a9c1d7e4b",
                        downRevision = {"1a2b3c4d5e6f"},
                        branchLabels = {"timescale"},
                        dependsOn = {"a.b"},
                        message = "say \\"hi\\" \\\\ there",
                        createDate = "2026-11-21 10:00:00",
                        transactional = true)
                public class V3f2a9c1d7e4b_SayHiThere implements JavaMigration {

                    @Override
                    public void upgrade(Ops op) {
                        // op.createTable("devices", t -> t.column("id", "bigint", c -> c.primaryKey()));
                    }

                    // Without a downgrade(), Strata undoes upgrade()'s operations in reverse order, each by its
                    // inverse, and refuses to downgrade if one has none. Write it to do something else:
                    // @Override
                    // public void downgrade(Ops op) {
                    // }
                }
                """);
    }

    @Test
    void writesTheFileAtomically() throws Exception {
        Path file = ScriptWriter.write(dir, java("abc", "create users"));
        assertThat(file.getFileName().toString()).isEqualTo("Vabc_CreateUsers.java");
        assertThat(Files.readString(file)).contains("public class Vabc_CreateUsers implements JavaMigration");
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }
}
