package dev.strata.source;

import dev.strata.ops.IrreversibleException;
import dev.strata.ops.JavaMigration;
import dev.strata.ops.Ops;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Records a Java migration's two directions and renders them as statements, with a checksum over them. */
final class JavaRendering {

    private JavaRendering() {}

    static Script.Loaded load(JavaScript script, Class<?> type) {
        JavaMigration migration = instantiate(script, type);
        List<Statement> upgrade = record(script, type, "upgrade", migration::upgrade);
        List<Statement> downgrade;
        String irreversible = null;
        try {
            downgrade = record(script, type, "downgrade", migration::downgrade);
        } catch (IrreversibleOps e) {
            downgrade = List.of();
            irreversible = e.getMessage();
        }
        ScriptBody body = new ScriptBody(upgrade, downgrade, irreversible);
        return new Script.Loaded(script, body, Checksum.of(canonicalText(script, body)));
    }

    private static JavaMigration instantiate(JavaScript script, Class<?> type) {
        if (!JavaMigration.class.isAssignableFrom(type)) {
            throw new ScriptException(script.path(), "class " + type.getName() + " does not implement " + JavaMigration.class.getName());
        }
        try {
            return (JavaMigration) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new ScriptException(script.path(), "class " + type.getName() + " needs a public constructor without parameters");
        } catch (InvocationTargetException e) {
            throw failure(script, type, "its constructor", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ScriptException(script.path(), 0, "class " + type.getName() + " cannot be created: " + e, e);
        }
    }

    private static List<Statement> record(JavaScript script, Class<?> type, String method, Consumer<Ops> body) {
        Ops ops = new Ops();
        try {
            body.accept(ops);
        } catch (IrreversibleException e) {
            if (!method.equals("downgrade")) {
                throw failure(script, type, method + "()", e);
            }
            String advice = e.getMessage().contains("downgrade(") ? "" : "; write downgrade(Ops) in " + fileName(script);
            throw new IrreversibleOps("its downgrade cannot be generated: " + e.getMessage() + advice);
        } catch (RuntimeException | LinkageError e) {
            throw failure(script, type, method + "()", e);
        }
        List<Statement> out = new ArrayList<>();
        for (Ops.Recorded r : ops.recorded()) {
            for (String sql : r.op().statements()) {
                out.add(new Statement(sql, r.line(), r.op().transactional(), r.op().describe(), r.op().timescaleVersion()));
            }
        }
        return out;
    }

    /** An error from the migration's own code, at the migration's line that raised it. */
    private static ScriptException failure(JavaScript script, Class<?> type, String where, Throwable e) {
        int line = 0;
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().equals(type.getName()) || frame.getClassName().startsWith(type.getName() + "$")) {
                line = Math.max(frame.getLineNumber(), 0);
                break;
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new ScriptException(script.path(), line, where + " failed: " + message.replace('\n', ' '), e);
    }

    private static String fileName(JavaScript script) {
        Path p = script.path();
        return p == null ? script.revision().origin() : String.valueOf(p.getFileName());
    }

    /**
     * What the checksum covers: the revision's metadata and every rendered statement with how it
     * runs. A change in the source that renders the same SQL is not a change to the database.
     */
    static String canonicalText(JavaScript script, ScriptBody body) {
        StringBuilder out = new StringBuilder(1024);
        var r = script.revision();
        out.append("-- revision: ").append(r.id()).append('\n')
                .append("-- down_revision: ").append(String.join(", ", r.downRevisions())).append('\n')
                .append("-- branch_labels: ").append(String.join(", ", r.branchLabels())).append('\n')
                .append("-- depends_on: ").append(String.join(", ", r.dependsOn())).append('\n')
                .append("-- transactional: ").append(r.transactional()).append('\n');
        out.append("-- migrate:upgrade\n");
        append(out, body.upgrade());
        out.append("-- migrate:downgrade\n");
        if (body.irreversible() != null) {
            out.append("-- irreversible\n");
        }
        append(out, body.downgrade());
        return out.toString();
    }

    private static void append(StringBuilder out, List<Statement> statements) {
        for (Statement s : statements) {
            if (!s.inTransaction()) {
                out.append("-- outside a transaction\n");
            }
            out.append(s.sql()).append(";\n");
        }
    }

    /** The migration records ops one of which cannot be undone. */
    private static final class IrreversibleOps extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IrreversibleOps(String message) {
            super(message, null, false, false);
        }
    }
}
