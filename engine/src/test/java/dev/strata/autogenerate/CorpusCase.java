package dev.strata.autogenerate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One case of the autogenerate corpus (src/test/resources/autogenerate): a folder holding either a pair
 * ({@code old.sql}, {@code new.sql}, optional {@code rows.sql} inserted into old, optional
 * {@code expect.txt}) or two spellings of one schema ({@code a.sql}, {@code b.sql}).
 *
 * <p>{@code expect.txt} lines: {@code warning: TEXT} (a warning of the diff contains TEXT) and
 * {@code rename: HINT} (passed to {@code Renames.with}) and {@code upgrade-fails: TEXT} (the rows make the upgrade
 * fail with TEXT, and it must fail as a whole: the database is left as old was, rows and all). An {@code old.sql} whose first line is
 * {@code -- irreversible} expects the downgrade to say it cannot bring old back.
 */
record CorpusCase(String group, String name, Path dir) {

    /** The cases of one group folder (pairs, same, timescale), sorted by name. */
    static List<CorpusCase> of(String group) {
        try {
            Path root = Path.of(CorpusCase.class.getResource("/autogenerate/" + group).toURI());
            try (Stream<Path> dirs = Files.list(root)) {
                return dirs.filter(Files::isDirectory).sorted()
                        .map(d -> new CorpusCase(group, d.getFileName().toString(), d)).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no corpus folder autogenerate/" + group + " on the test class path", e);
        }
    }

    /** Whether this case is two spellings of one schema rather than an old and a new one. */
    boolean same() {
        return Files.exists(dir.resolve("a.sql"));
    }

    String id() {
        return group + "/" + name;
    }

    /** A file's text, or the empty string when the case has no such file. */
    String sql(String file) {
        Path p = dir.resolve(file);
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean irreversible() {
        return sql("old.sql").startsWith("-- irreversible");
    }

    List<String> expectedWarnings() {
        return expect("warning:");
    }

    /** What the upgrade's failure must say, for a case whose data the upgrade cannot keep; else null. */
    String upgradeFails() {
        List<String> f = expect("upgrade-fails:");
        return f.isEmpty() ? null : f.get(0);
    }

    List<String> renameHints() {
        return expect("rename:");
    }

    private List<String> expect(String prefix) {
        List<String> out = new ArrayList<>();
        for (String line : sql("expect.txt").split("\n")) {
            if (line.startsWith(prefix)) {
                out.add(line.substring(prefix.length()).strip());
            }
        }
        return out;
    }
}
