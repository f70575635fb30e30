package dev.strata.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a large project for benchmarks: {@code count} revisions over two labelled branches
 * ({@code postgres}, {@code timescale}), each growing a side branch every 40 revisions that merges back
 * 8 revisions later, and a depends_on across branches every 500. Usage: GenerateProject COUNT DIR
 */
public final class GenerateProject {

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        generate(count, dir);
        System.out.println("wrote " + count + " revisions under " + dir);
    }

    public static void generate(int count, Path dir) throws IOException {
        Random random = new Random(42);
        String[] branches = {"postgres", "timescale"};
        String[] tip = new String[2];
        String[] side = new String[2];
        int[] sideLeft = new int[2];
        for (String b : branches) {
            Files.createDirectories(dir.resolve(b));
        }
        Files.writeString(dir.resolve("migrate.toml"),
                "[scripts]\nlocations = [\"postgres\", \"timescale\"]\n", StandardCharsets.UTF_8);
        for (int i = 0; i < count; i++) {
            int b = i % 2;
            String id = String.format("%012x", (long) i * 2654435761L & 0xffffffffffffL);
            String down;
            if (tip[b] == null) {
                down = "";
                tip[b] = id;
            } else if (side[b] != null && sideLeft[b] == 0) {
                down = tip[b] + ", " + side[b]; // the side branch merges back
                tip[b] = id;
                side[b] = null;
            } else if (side[b] != null) {
                sideLeft[b]--;
                if (random.nextBoolean()) {
                    down = side[b];
                    side[b] = id;
                } else {
                    down = tip[b];
                    tip[b] = id;
                }
            } else {
                down = tip[b];
                tip[b] = id;
                if (i % 80 == b) {
                    side[b] = down; // a second child of `down` opens a side branch
                    sideLeft[b] = 8;
                }
            }
            StringBuilder text = new StringBuilder("-- revision: ").append(id).append('\n');
            text.append("-- down_revision: ").append(down).append('\n');
            if (down.isEmpty()) {
                text.append("-- branch_labels: ").append(branches[b]).append('\n');
            }
            if (i > 1000 && i % 500 == 0 && tip[1 - b] != null) {
                text.append("-- depends_on: ").append(tip[1 - b]).append('\n');
            }
            text.append("-- message: step ").append(i).append('\n');
            text.append("-- create_date: 2026-11-21 10:00:00\n\n-- migrate:upgrade\n");
            text.append("CREATE TABLE t_").append(i).append(" (id BIGINT PRIMARY KEY, v TEXT);\n\n");
            text.append("-- migrate:downgrade\nDROP TABLE t_").append(i).append(";\n");
            Files.writeString(dir.resolve(branches[b]).resolve(id + "_step_" + i + ".sql"), text, StandardCharsets.UTF_8);
        }
    }
}
