package dev.strata.api;

import dev.strata.error.BadInputException;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import dev.strata.source.AlembicRevisionFile;
import dev.strata.source.NewScript;
import dev.strata.source.ScriptWriter;
import dev.strata.source.Statement;
import dev.strata.source.StatementSplitter;
import dev.strata.source.TransactionRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code migrate import alembic DIR}: one Strata script per Alembic revision, with the same id, down
 * revisions, branch labels, depends_on and message. Headers are read from the revision files' text;
 * each body is the SQL Alembic's own offline mode renders (see {@link AlembicSql}). A body Alembic
 * cannot render becomes a statement that refuses to run until someone writes the SQL, so an imported
 * revision can never be recorded as applied having done nothing.
 */
public final class AlembicImport {

    /**
     * What was imported.
     *
     * @param written the files written, in graph order
     * @param notes   what the user must know: Alembic missing, bodies left to write
     */
    public record Result(List<Path> written, List<String> notes) {}

    private final Project project;

    public AlembicImport(Project project) {
        this.project = project;
    }

    /**
     * @param dir         a folder holding alembic.ini, an Alembic script folder (with {@code versions/}), or
     *                    the versions folder itself
     * @param versionPath the script location to write into, or null: the location named after a revision's
     *                    branch label (its own or an ancestor's), else the first location
     * @param python      the Python interpreter, or null to find one that can import alembic
     */
    public Result importFrom(Path dir, Path versionPath, String python) {
        List<Path> versions = AlembicProject.versionFolders(dir);
        List<AlembicRevisionFile> files = readRevisionFiles(versions);
        if (files.isEmpty()) {
            throw new BadInputException("no Alembic revision files (*.py with a 'revision = ...') in " + versions.get(0));
        }
        AlembicSql.Rendered sql = AlembicSql.render(AlembicProject.projectRoot(dir), versions, python);
        List<Revision> all = new ArrayList<>(project.graph().revisions());
        Map<String, AlembicRevisionFile> byId = new LinkedHashMap<>();
        for (AlembicRevisionFile f : files) {
            if (project.graph().contains(f.revision())) {
                throw new BadInputException("revision " + f.revision() + " (" + f.file() + ") is already in this project ("
                        + project.graph().get(f.revision()).origin() + "); nothing was imported");
            }
            if (byId.put(f.revision(), f) != null) {
                throw new BadInputException("two Alembic files declare revision " + f.revision() + "; nothing was imported");
            }
        }
        Map<String, Path> folders = new HashMap<>();
        Map<String, NewScript> scripts = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>(sql.notes());
        for (AlembicRevisionFile f : files) {
            String upgrade = body(f, "upgrade", sql.parts().get(f.revision() + " upgrade"), notes);
            String downgrade = body(f, "downgrade", sql.parts().get(f.revision() + " downgrade"), notes);
            boolean transactional = runsInTransaction(upgrade) && runsInTransaction(downgrade);
            scripts.put(f.revision(), new NewScript(f.revision(), f.downRevisions(), f.branchLabels(), f.dependsOn(), f.message(),
                    f.createDate(), transactional, upgrade, downgrade));
            all.add(new Revision(f.revision(), f.downRevisions(), f.branchLabels(), f.dependsOn(), f.message(), f.createDate(),
                    transactional, f.file().toString()));
        }
        RevisionGraph graph = RevisionGraph.of(all); // the whole result is validated before anything is written
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < graph.size(); i++) {
            NewScript s = scripts.get(graph.id(i));
            if (s != null) {
                written.add(ScriptWriter.write(folderFor(graph, graph.id(i), versionPath, folders), s));
            }
        }
        return new Result(written, notes);
    }

    private static List<AlembicRevisionFile> readRevisionFiles(List<Path> versions) {
        List<AlembicRevisionFile> out = new ArrayList<>();
        for (Path folder : versions) {
            try (Stream<Path> s = Files.walk(folder)) {
                for (Path file : s.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p)).sorted().toList()) {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    if (!text.contains("revision")) {
                        continue; // __init__.py and helpers
                    }
                    out.add(AlembicRevisionFile.parse(file, text));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The SQL of one part, or a statement that refuses to run, saying what to write and why. */
    private static String body(AlembicRevisionFile f, String part, AlembicSql.Part rendered, List<String> notes) {
        if (rendered != null && rendered.sql() != null) {
            return rendered.sql().strip();
        }
        String why = rendered == null ? "Alembic did not render it" : rendered.error();
        notes.add("revision " + f.revision() + ": " + part + "() left to write (" + why + ")");
        String message = "strata: the " + part + " of revision " + f.revision() + " was imported from Alembic without its SQL ("
                + f.file().getFileName() + "); write it, then run again";
        return "-- TODO: write the SQL of " + f.file().getFileName() + "'s " + part + "() here (" + oneLine(why) + ").\n"
                + "-- Until then this revision refuses to run, so it is never recorded as done without its SQL.\n"
                + "DO $strata$ BEGIN RAISE EXCEPTION '%', " + literal(message) + "; END $strata$;";
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace("\r", "");
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** False when a statement cannot run in a transaction (Alembic's autocommit_block, CONCURRENTLY). */
    private static boolean runsInTransaction(String sql) {
        for (Statement st : StatementSplitter.split(sql, 1)) {
            if (TransactionRules.refusal(st.sql()) != null) {
                return false;
            }
        }
        return true;
    }

    /** --version-path; else the location named after a label of the revision or of its nearest labelled ancestor; else the first. */
    private Path folderFor(RevisionGraph graph, String id, Path versionPath, Map<String, Path> chosen) {
        List<Path> locations = project.config().locations();
        if (versionPath != null) {
            Path abs = versionPath.toAbsolutePath().normalize();
            return locations.stream().filter(l -> l.toAbsolutePath().normalize().equals(abs)).findFirst()
                    .orElseThrow(() -> new BadInputException("--version-path " + versionPath + " is not one of the script locations ("
                            + String.join(", ", locations.stream().map(Path::toString).toList()) + ")"));
        }
        Path folder = chosen.get(id);
        if (folder != null) {
            return folder;
        }
        for (String label : graph.get(id).branchLabels()) {
            for (Path loc : locations) {
                if (loc.getFileName() != null && loc.getFileName().toString().equals(label)) {
                    folder = loc;
                }
            }
        }
        if (folder == null) {
            List<String> downs = graph.get(id).downRevisions();
            folder = downs.isEmpty() ? locations.get(0)
                    : project.graph().contains(downs.get(0)) ? project.script(downs.get(0)).location()
                    : folderFor(graph, downs.get(0), null, chosen);
        }
        chosen.put(id, folder);
        return folder;
    }
}
