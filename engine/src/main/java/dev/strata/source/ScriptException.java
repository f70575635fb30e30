package dev.strata.source;

import dev.strata.error.StrataException;
import java.nio.file.Path;

/**
 * A migration script, or the folder holding it, could not be read or understood. The message is
 * one line, {@code <file>:<line>: <problem>}, {@code <file>: <problem>} when no line applies, and
 * just {@code line <n>: <problem>} (or the problem alone) when no file is known yet, as when
 * {@link StatementSplitter} is used on its own.
 */
public class ScriptException extends StrataException {

    private final Path file;
    private final int line;
    private final String problem;

    /**
     * @param file    the script or folder concerned, or {@code null} when not known
     * @param line    the 1-based line in {@code file}, or 0 when no line applies
     * @param problem what is wrong, in words for the user
     */
    public ScriptException(Path file, int line, String problem) {
        this(file, line, problem, null);
    }

    /** As {@link #ScriptException(Path, int, String)} for a problem that has no line. */
    public ScriptException(Path file, String problem) {
        this(file, 0, problem, null);
    }

    /**
     * As {@link #ScriptException(Path, int, String)}, keeping the low-level cause for
     * {@code --stacktrace}; the cause never shows in the message.
     */
    public ScriptException(Path file, int line, String problem, Throwable cause) {
        super(format(file, line, problem), cause);
        this.file = file;
        this.line = Math.max(line, 0);
        this.problem = problem;
    }

    private static String format(Path file, int line, String problem) {
        String where = file == null ? (line > 0 ? "line " + line : "") : file + (line > 0 ? ":" + line : "");
        return where.isEmpty() ? problem : where + ": " + problem;
    }

    /** The script or folder concerned, or {@code null} when not known. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when none applies. */
    public int line() {
        return line;
    }

    /** The problem alone, without file and line. */
    public String problem() {
        return problem;
    }

    // The same problem, now attributed to file; used when a file-less error reaches a script.
    ScriptException in(Path file) {
        return new ScriptException(file, line, problem, this);
    }

    @Override
    public Kind kind() {
        return Kind.BAD_INPUT;
    }
}
