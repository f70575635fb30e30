package dev.strata.diff;

import dev.strata.ops.Op;
import dev.strata.ops.Ops;
import java.util.List;
import java.util.function.Consumer;

/** Makes {@link Step}s: records one {@link Ops} call and keeps the call's Java source beside it. */
final class Steps {

    private Steps() {}

    /** The step of an {@link Ops} call that records exactly one op; {@code java} is that call. */
    static Step call(String java, Consumer<Ops> call) {
        return call(java, call, null);
    }

    static Step call(String java, Consumer<Ops> call, String note) {
        Ops ops = new Ops();
        call.accept(ops);
        List<Ops.Recorded> recorded = ops.recorded();
        if (recorded.size() != 1) {
            throw new IllegalStateException("expected one op from " + java + ", got " + recorded.size());
        }
        return new Step(recorded.get(0).op(), java, note);
    }

    /** One statement of SQL the Ops API cannot express (a catalog definition taken as it is). */
    static Step sql(String sql) {
        return sql(sql, null);
    }

    static Step sql(String sql, String note) {
        return call("op.execute(" + string(sql) + ");", o -> o.execute(sql), note);
    }

    /** A step that is only a note: nothing runs. */
    static Step note(String note) {
        return new Step(null, null, note);
    }

    /** {@code text} as a Java string literal. */
    static String string(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** Java string literals joined by ", ". */
    static String strings(List<String> texts) {
        return String.join(", ", texts.stream().map(Steps::string).toList());
    }

    static Op op(Step step) {
        return step.op();
    }
}
