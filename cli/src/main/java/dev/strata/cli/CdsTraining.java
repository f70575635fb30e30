package dev.strata.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The workload bin/migrate records into its class-data-sharing archive after each build: every command
 * registered, a config read, scripts parsed and planned, offline SQL rendered, and a connection attempt
 * (to a closed port) that loads the driver and the pool. Not a command users run.
 */
public final class CdsTraining {

    private CdsTraining() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("strata-cds");
        try {
            Files.createDirectories(dir.resolve("m"));
            Files.writeString(dir.resolve("migrate.toml"),
                    "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"postgresql://u:p@127.0.0.1:1/app?connect_timeout=1\"\nbranch = \"app\"\n");
            Files.writeString(dir.resolve("m/a1_one.sql"), "-- revision: a1\n-- down_revision:\n-- branch_labels: app\n-- message: one\n\n"
                    + "-- migrate:upgrade\nCREATE TABLE t (id int);\nDO $$ BEGIN PERFORM 1; END $$;\n\n-- migrate:downgrade\nDROP TABLE t;\n",
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("m/a2_two.sql"), "-- revision: a2\n-- down_revision: a1\n-- message: two\n\n"
                    + "-- migrate:upgrade\nALTER TABLE t ADD COLUMN v text; -- note\n\n-- migrate:downgrade\nALTER TABLE t DROP COLUMN v;\n",
                    StandardCharsets.UTF_8);
            String[][] runs = {
                {"--help"}, {"heads"}, {"history"}, {"--json", "branches"}, {"show", "a2"}, {"graph"},
                {"upgrade", "heads", "--sql"}, {"current"}, {"status"},
            };
            for (String[] run : runs) {
                Main.run(run, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of(), dir);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
