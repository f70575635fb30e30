package dev.strata.cli;

import dev.strata.api.AlembicImport;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migrate import alembic DIR}: an Alembic project's revisions as Strata scripts, with the same ids. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Write one Strata script per revision of another tool's project, keeping ids, down revisions, "
                + "branch labels, depends_on and messages.",
                "alembic DIR: DIR holds alembic.ini, or is the versions folder; the SQL comes from Alembic's offline mode."})
final class ImportCommand extends BaseCommand {

    enum Tool { alembic }

    @Parameters(index = "0", paramLabel = "TOOL", description = "alembic")
    Tool tool;

    @Parameters(index = "1", paramLabel = "DIR", description = "The folder holding alembic.ini, or the versions folder.")
    Path dir;

    @Option(names = "--version-path", paramLabel = "DIR",
            description = "The script location to write into (default: the one named after each revision's branch label, else the first).")
    Path versionPath;

    @Option(names = "--python", paramLabel = "PATH",
            description = "The Python that has Alembic installed (default: python3 on the PATH, else /usr/bin/python3).")
    String python;

    @Override
    public Integer call() {
        Path source = environment.workingDir().resolve(dir).normalize();
        Path into = versionPath == null ? null : environment.workingDir().resolve(versionPath).normalize();
        AlembicImport.Result result = new AlembicImport(project()).importFrom(source, into, python);
        if (json()) {
            java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("written", result.written().stream().map(Path::toString).toList());
            json.put("notes", result.notes());
            out().println(Json.write(json));
            return 0;
        }
        for (String note : result.notes()) {
            err().println("Note: " + note);
        }
        for (Path file : result.written()) {
            info("Generating " + file + " ... done");
        }
        info("Imported " + result.written().size() + " revision" + (result.written().size() == 1 ? "" : "s") + " from " + source);
        return 0;
    }
}
