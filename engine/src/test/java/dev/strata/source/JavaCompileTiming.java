package dev.strata.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times one {@link JavaMigrationCompiler#load} in a fresh JVM: {@code JavaCompileTiming N DIR CACHE}
 * writes N migrations into DIR (if not there yet), reads their headers and loads them with CACHE as
 * the cache root. Run it twice on the same CACHE for cold, then cached, figures. Not a test.
 */
public final class JavaCompileTiming {

    private JavaCompileTiming() {
    }

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1]));
        Path cache = Path.of(args[2]);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Path file = dir.resolve("M" + i + ".java");
            if (!Files.exists(file)) {
                Files.writeString(file, """
                        package bench;

                        import dev.strata.ops.JavaMigration;
                        import dev.strata.ops.Migration;
                        import dev.strata.ops.Ops;

                        @Migration(revision = "r%d", downRevision = {%s}, message = "step %d")
                        public class M%d implements JavaMigration {
                            @Override
                            public void upgrade(Ops op) {
                                op.execute("CREATE TABLE t%d (id int, name text)");
                            }

                            @Override
                            public void downgrade(Ops op) {
                                op.execute("DROP TABLE t%d");
                            }
                        }
                        """.formatted(i, i == 1 ? "" : "\"r" + (i - 1) + "\"", i, i, i, i));
            }
            files.add(file);
        }
        long t0 = System.nanoTime();
        List<JavaHeader> headers = files.stream().map(JavaHeader::read).toList();
        long t1 = System.nanoTime();
        List<JavaMigrationClass> loaded = new JavaMigrationCompiler(cache, "timing").load(headers);
        long t2 = System.nanoTime();
        for (JavaMigrationClass m : loaded) {
            m.newInstance().upgrade(new dev.strata.ops.Ops());
        }
        long t3 = System.nanoTime();
        System.out.printf("%d migrations: headers %.1f ms, load %.1f ms, instantiate+upgrade %.1f ms%n",
                n, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }
}
