package dev.strata.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.error.BadInputException;
import dev.strata.source.ScriptException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the desired schema: files in name order, statements with their lines, renamed_from hints. */
class DesiredSchemaTest {

    @TempDir
    Path dir;

    @Test
    void readsFoldersInNameOrderThenFilesAndKeepsLines() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("schema"));
        Files.writeString(folder.resolve("02_b.sql"), "\n\nCREATE TABLE b (id int);\n");
        Files.writeString(folder.resolve("01_a.sql"), "CREATE TABLE a (id int);\nCREATE INDEX ON a (id);\n");
        Files.writeString(folder.resolve("notes.txt"), "not sql");
        Files.writeString(dir.resolve("extra.sql"), "-- a comment\nCREATE VIEW v AS SELECT 1;");
        DesiredSchema d = DesiredSchema.read("targets.t.desired_schema", List.of(folder, dir.resolve("extra.sql")));
        assertThat(d.statements()).extracting(DesiredSchema.Located::where).containsExactly(
                folder.resolve("01_a.sql") + ":1", folder.resolve("01_a.sql") + ":2", folder.resolve("02_b.sql") + ":3",
                dir.resolve("extra.sql") + ":2");
        assertThat(d.renames()).isEmpty();
    }

    @Test
    void renamedFromCommentsOnTableAndColumnLinesAreHints() {
        assertThat(DesiredSchema.hints("CREATE TABLE accounts ( -- renamed_from: users\n"
                + "    id bigint PRIMARY KEY,\n"
                + "    full_name text NOT NULL, -- renamed_from: name\n"
                + "    \"Email\" text -- renamed_from: \"Mail\"\n)"))
                .containsExactly("public.users=accounts", "public.accounts.name=full_name", "public.accounts.Mail=Email");
        assertThat(DesiredSchema.hints("create table if not exists ops.Events ( -- renamed_from: log\n  at timestamptz -- renamed_from: ts\n)"))
                .containsExactly("ops.log=events", "ops.events.ts=at");
        assertThat(DesiredSchema.hints("CREATE TABLE t (id int) -- no hint here")).isEmpty();
    }

    @Test
    void refusalsNameTheKeyOrTheFileAndLine() throws IOException {
        assertThatThrownBy(() -> DesiredSchema.read("targets.t.desired_schema", List.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("targets.t.desired_schema is not set");
        assertThatThrownBy(() -> DesiredSchema.read("targets.t.desired_schema", List.of(dir.resolve("nope"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no such file or folder: " + dir.resolve("nope"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> DesiredSchema.read("targets.t.desired_schema", List.of(empty)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("holds no .sql file");
        Files.writeString(dir.resolve("open.sql"), "SELECT 1;\n\nSELECT 'unclosed;\n");
        assertThatThrownBy(() -> DesiredSchema.read("k", List.of(dir.resolve("open.sql"))))
                .isInstanceOf(ScriptException.class).hasMessageStartingWith(dir.resolve("open.sql") + ":3: ");
    }
}
