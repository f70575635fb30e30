package dev.strata.expr;

import static dev.strata.graph.Thrown.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.error.StrataException;
import dev.strata.expr.RevisionExpr.Base;
import dev.strata.expr.RevisionExpr.Current;
import dev.strata.expr.RevisionExpr.Head;
import dev.strata.expr.RevisionExpr.Heads;
import dev.strata.expr.RevisionExpr.Ref;
import dev.strata.expr.RevisionExpr.Relative;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RevisionExprTest {

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("head", new Head(null, "head")),
                Arguments.of("heads", new Heads(null, "heads")),
                Arguments.of("base", new Base(null, "base")),
                Arguments.of("ae1027a6acf4", new Ref(null, "ae1027a6acf4", "ae1027a6acf4")),
                Arguments.of("ae10", new Ref(null, "ae10", "ae10")),
                Arguments.of("postgres", new Ref(null, "postgres", "postgres")),
                Arguments.of("v1_2.x", new Ref(null, "v1_2.x", "v1_2.x")),
                Arguments.of("postgres@head", new Head("postgres", "postgres@head")),
                Arguments.of("postgres@base", new Base("postgres", "postgres@base")),
                Arguments.of("postgres@heads", new Heads("postgres", "postgres@heads")),
                Arguments.of("ae1027a6acf4@head", new Head("ae1027a6acf4", "ae1027a6acf4@head")),
                Arguments.of("+2", new Relative(null, null, 2, "+2")),
                Arguments.of("-1", new Relative(null, null, -1, "-1")),
                Arguments.of("+999999999", new Relative(null, null, 999_999_999, "+999999999")),
                Arguments.of("ae10+2", new Relative(null, "ae10", 2, "ae10+2")),
                Arguments.of("ae10-1", new Relative(null, "ae10", -1, "ae10-1")),
                Arguments.of("head-1", new Relative(null, "head", -1, "head-1")),
                Arguments.of("base+3", new Relative(null, "base", 3, "base+3")),
                Arguments.of("timescale@+1", new Relative("timescale", null, 1, "timescale@+1")),
                Arguments.of("timescale@-2", new Relative("timescale", null, -2, "timescale@-2")),
                Arguments.of("timescale@head-1", new Relative("timescale", "head", -1, "timescale@head-1")),
                Arguments.of("postgres@ae10", new Ref("postgres", "ae10", "postgres@ae10")),
                Arguments.of("current", new Current("current")),
                // An empty label is no label, as in Alembic 1.8.1 ('@head' is 'head': from two heads it fails with
                // "Multiple head revisions are present for given argument '@head'", from one it upgrades to it;
                // run with /usr/bin/python3 and alembic.command on a SQLite database).
                Arguments.of("@head", new Head(null, "@head")),
                Arguments.of("@heads", new Heads(null, "@heads")),
                Arguments.of("@base", new Base(null, "@base")),
                Arguments.of("@ae10", new Ref(null, "ae10", "@ae10")),
                // surrounding white space is not part of the expression
                Arguments.of("  postgres@head\t", new Head("postgres", "postgres@head")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void parses(String input, RevisionExpr expected) {
        RevisionExpr parsed = RevisionExpr.parse(input);

        assertThat(parsed).isEqualTo(expected);
        assertThat(parsed.text()).isEqualTo(input.strip());
        assertThat(parsed.branch()).isEqualTo(expected.branch());
    }

    @Test
    void currentHasNoBranch() {
        assertThat(RevisionExpr.parse("current").branch()).isNull();
    }

    static Stream<Arguments> rejects() {
        return Stream.of(
                Arguments.of("", "empty"),
                Arguments.of("   ", "empty"),
                Arguments.of("+0", "zero"),
                Arguments.of("-0", "zero"),
                Arguments.of("ae10+0", "zero"),
                Arguments.of("postgres@-0", "zero"),
                // Alembic reads '@-1' as the id '-1': "Can't locate revision identified by '-1'"
                Arguments.of("@-1", "relative step takes no bare '@'"),
                Arguments.of("@+2", "relative step takes no bare '@'"),
                Arguments.of("a b", "expected head, heads, base"),
                Arguments.of("x@y@z", "expected head, heads, base"),
                Arguments.of("a-b-c", "expected head, heads, base"),
                Arguments.of("a-b", "expected head, heads, base"),
                Arguments.of("+", "expected head, heads, base"),
                Arguments.of("ae10+", "expected head, heads, base"),
                Arguments.of("postgres@", "expected head, heads, base"),
                Arguments.of("post-gres@head", "before '@'"),
                Arguments.of("postgres@current", "expected head, heads, base"),
                Arguments.of("a:b", "expected head, heads, base"),
                // ten digits would overflow an int: refused as text, not by a NumberFormatException
                Arguments.of("+9999999999", "expected head, heads, base"),
                Arguments.of("+1.5", "expected head, heads, base"));
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("rejects")
    void rejects(String input, String problem) {
        ExpressionException e = thrown(ExpressionException.class, () -> RevisionExpr.parse(input));

        // the input as the message quotes it: stripped (a blank one shows as '')
        String shown = input.strip();
        assertThat(e.input()).isEqualTo(shown);
        assertThat(e.getMessage()).startsWith("'" + shown + "' ").contains(problem);
        assertThat(e.kind()).isEqualTo(StrataException.Kind.BAD_INPUT);
    }

    @Test
    void nullIsRejectedAsEmpty() {
        ExpressionException e = thrown(ExpressionException.class, () -> RevisionExpr.parse(null));

        assertThat(e.input()).isEmpty();
        assertThat(e).hasMessageContaining("empty");
    }

    @Test
    void zeroStepMessage() {
        assertThat(thrown(ExpressionException.class, () -> RevisionExpr.parse("+0")))
                .hasMessage("'+0' is a relative step of zero; use +N or -N with N of at least 1");
    }

    static Stream<Arguments> ranges() {
        return Stream.of(
                Arguments.of("ae10:27c6", new Ref(null, "ae10", "ae10"), new Ref(null, "27c6", "27c6")),
                Arguments.of("ae10:", new Ref(null, "ae10", "ae10"), null),
                Arguments.of(":27c6", null, new Ref(null, "27c6", "27c6")),
                Arguments.of("base:heads", new Base(null, "base"), new Heads(null, "heads")),
                Arguments.of("postgres@base:postgres@head",
                        new Base("postgres", "postgres@base"), new Head("postgres", "postgres@head")),
                Arguments.of(" -2 : current ", new Relative(null, null, -2, "-2"), new Current("current")),
                // both sides open: the whole history, as Alembic's "history -r :"
                Arguments.of(":", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ranges")
    void parsesRanges(String input, RevisionExpr lower, RevisionExpr upper) {
        RevisionRange range = RevisionRange.parse(input);

        assertThat(range.lower()).isEqualTo(lower);
        assertThat(range.upper()).isEqualTo(upper);
        assertThat(range.text()).isEqualTo(input.strip());
        assertThat(RevisionRange.isRange(input)).isTrue();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"ae10", "", "a:b:c", "a:+0", "a b:c", "x@y@z:", "::"})
    void rejectsRanges(String input) {
        ExpressionException e = thrown(ExpressionException.class, () -> RevisionRange.parse(input));

        assertThat(e.kind()).isEqualTo(StrataException.Kind.BAD_INPUT);
    }

    @Test
    void rangeMessages() {
        assertThat(thrown(ExpressionException.class, () -> RevisionRange.parse("ae10")))
                .hasMessage("'ae10' is not a range; write START:END, START: or :END");
        assertThat(thrown(ExpressionException.class, () -> RevisionRange.parse("a:b:c")))
                .hasMessage("'a:b:c' is not a range: it has more than one ':'");
        assertThat(thrown(ExpressionException.class, () -> RevisionRange.parse("a:+0")).input()).isEqualTo("+0");
        assertThat(RevisionRange.isRange("ae10")).isFalse();
        assertThat(RevisionRange.isRange(null)).isFalse();
    }
}
