package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case's expected split was checked against psql 15 ({@code psql -f}) on the same text.
 */
class StatementSplitterTest {

    private static List<String> sqls(String text) {
        return StatementSplitter.split(text, 1).stream().map(Statement::sql).toList();
    }

    static Stream<Arguments> splits() {
        return Stream.of(
                // name, input, expected statements
                Arguments.of("plain statements", "SELECT 1; SELECT 2;", List.of("SELECT 1", "SELECT 2")),
                Arguments.of("final statement without semicolon", "SELECT 1;\nSELECT 2\n", List.of("SELECT 1", "SELECT 2")),
                Arguments.of("semicolon on its own line", "SELECT 1\n;\n", List.of("SELECT 1")),
                Arguments.of("empty statements dropped", ";;  ;\nSELECT 1;;", List.of("SELECT 1")),
                Arguments.of("quoted string with doubled quote", "SELECT 'it''s; fine'; SELECT 2",
                        List.of("SELECT 'it''s; fine'", "SELECT 2")),
                Arguments.of("backslash is not an escape in standard strings", "SELECT 'a\\'; SELECT 2",
                        List.of("SELECT 'a\\'", "SELECT 2")),
                Arguments.of("E string with escaped quote", "SELECT E'\\'; still'; SELECT 2",
                        List.of("SELECT E'\\'; still'", "SELECT 2")),
                Arguments.of("lower-case e string with escaped backslash", "SELECT e'\\\\'; SELECT 2",
                        List.of("SELECT e'\\\\'", "SELECT 2")),
                Arguments.of("E only starts a token", "SELECT somee'\\'; SELECT 2",
                        List.of("SELECT somee'\\'", "SELECT 2")),
                Arguments.of("E string continued on the next line keeps escapes",
                        "SELECT E'a'\n'\\'; still'; SELECT 2",
                        List.of("SELECT E'a'\n'\\'; still'", "SELECT 2")),
                Arguments.of("no continuation without a newline", "SELECT E'a' '\\'; SELECT 2",
                        List.of("SELECT E'a' '\\'", "SELECT 2")),
                Arguments.of("B X N U& strings", "SELECT B'1;', X'f;', N'n;', U&'u;'; SELECT 2",
                        List.of("SELECT B'1;', X'f;', N'n;', U&'u;'", "SELECT 2")),
                Arguments.of("quoted identifiers", "SELECT \"a;\"\"b\", U&\"c;\"; SELECT 2",
                        List.of("SELECT \"a;\"\"b\", U&\"c;\"", "SELECT 2")),
                Arguments.of("empty dollar quote", "SELECT $$a; 'b$$; SELECT 2",
                        List.of("SELECT $$a; 'b$$", "SELECT 2")),
                Arguments.of("tagged dollar quote with other tags inside",
                        "SELECT $fn$ $$ ; $x$ ; $FN$ $fn$; SELECT 2",
                        List.of("SELECT $fn$ $$ ; $x$ ; $FN$ $fn$", "SELECT 2")),
                Arguments.of("parameters are not dollar quotes", "SELECT $1; SELECT $2",
                        List.of("SELECT $1", "SELECT $2")),
                Arguments.of("dollar inside an identifier", "SELECT a$$b; SELECT x$$; SELECT 2",
                        List.of("SELECT a$$b", "SELECT x$$", "SELECT 2")),
                Arguments.of("dollar before an identifier without closing dollar", "SELECT $abc; SELECT 2",
                        List.of("SELECT $abc", "SELECT 2")),
                Arguments.of("line comments", "SELECT 1 -- no; split\n, 2; SELECT 3",
                        List.of("SELECT 1 -- no; split\n, 2", "SELECT 3")),
                Arguments.of("nested block comments", "SELECT /* a /* b; */ c; */ 1; SELECT 2",
                        List.of("SELECT /* a /* b; */ c; */ 1", "SELECT 2")),
                Arguments.of("slash-star-slash does not close", "SELECT /*/ ; */ 1; SELECT 2",
                        List.of("SELECT /*/ ; */ 1", "SELECT 2")),
                Arguments.of("semicolons inside parentheses", "SELECT (1;\n2); SELECT 3",
                        List.of("SELECT (1;\n2)", "SELECT 3")),
                Arguments.of("unbalanced closing parenthesis is ignored", "SELECT ); SELECT 2",
                        List.of("SELECT )", "SELECT 2")),
                Arguments.of("leading comments belong to the next statement",
                        "SELECT 1; -- about two\n/* more */ SELECT 2;",
                        List.of("SELECT 1", "-- about two\n/* more */ SELECT 2")),
                Arguments.of("comment-only tail dropped", "SELECT 1; -- done\n/* really */\n",
                        List.of("SELECT 1")),
                Arguments.of("numeric junk swallows the e of an E string (PG 15)", "SELECT 1e'\\'; SELECT 2",
                        List.of("SELECT 1e'\\'", "SELECT 2")),
                Arguments.of("numeric junk runs through a whole identifier, dollars included (PG 15)",
                        "SELECT 1a$$; SELECT .5e$$; SELECT $1x$$; SELECT $1e'\\'; SELECT 2",
                        List.of("SELECT 1a$$", "SELECT .5e$$", "SELECT $1x$$", "SELECT $1e'\\'", "SELECT 2")),
                Arguments.of("1e- is one token, so the next dash starts no comment (PG 15)",
                        "SELECT 1e--; SELECT 2", List.of("SELECT 1e--", "SELECT 2")),
                Arguments.of("real number then string", "SELECT 1e5, 1.5, .5, 1..2; SELECT 2",
                        List.of("SELECT 1e5, 1.5, .5, 1..2", "SELECT 2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void splitsWherePsqlDoes(String name, String input, List<String> expected) {
        assertThat(sqls(input)).containsExactlyElementsOf(expected);
    }

    @Test
    void beginAtomicBodyIsOneStatement() {
        String sql = """
                CREATE OR REPLACE FUNCTION add1(x int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT x + 1;
                  SELECT x + 2;
                END;
                SELECT 3;
                CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END;
                """;
        assertThat(sqls(sql)).containsExactly(
                "CREATE OR REPLACE FUNCTION add1(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT x + 1;\n"
                        + "  SELECT x + 2;\nEND",
                "SELECT 3",
                "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END");
    }

    @Test
    void caseInsideBeginAtomicNeedsItsOwnEnd() {
        String sql = "create function f(x int) returns int language sql begin atomic "
                + "select case when x > 0 then case x when 1 then 1 end end; select 2; end; select 3";
        assertThat(sqls(sql)).containsExactly(
                "create function f(x int) returns int language sql begin atomic "
                        + "select case when x > 0 then case x when 1 then 1 end end; select 2; end",
                "select 3");
    }

    @Test
    void beginAndEndCountOnlyInFunctionsAndOutsideParentheses() {
        assertThat(sqls("BEGIN; SELECT CASE WHEN true THEN 1 END; COMMIT;"))
                .containsExactly("BEGIN", "SELECT CASE WHEN true THEN 1 END", "COMMIT");
        assertThat(sqls("CREATE VIEW v AS SELECT 1; BEGIN; END;"))
                .containsExactly("CREATE VIEW v AS SELECT 1", "BEGIN", "END");
        // "begin" as a parameter name sits inside parentheses, so it opens no block.
        assertThat(sqls("CREATE FUNCTION f(begin int) RETURNS int RETURN 1; SELECT 2"))
                .containsExactly("CREATE FUNCTION f(begin int) RETURNS int RETURN 1", "SELECT 2");
        // Only CREATE [OR REPLACE] FUNCTION|PROCEDURE starts the count; CREATE OR FUNCTION does not.
        assertThat(sqls("CREATE OR FUNCTION f BEGIN x; SELECT 3"))
                .containsExactly("CREATE OR FUNCTION f BEGIN x", "SELECT 3");
    }

    @Test
    void doBlocksAndPlpgsqlBodiesAreOneStatementEach() {
        String sql = """
                DO $$
                BEGIN
                  PERFORM 1;
                  RAISE NOTICE 'a; b';
                END
                $$;
                CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $fn$
                DECLARE q text := $q$ SELECT 1; $$ $q$;
                BEGIN
                  RETURN NEW;
                END;
                $fn$;
                """;
        List<Statement> statements = StatementSplitter.split(sql, 1);
        assertThat(statements).extracting(Statement::line).containsExactly(1, 7);
        assertThat(statements.get(0).sql()).startsWith("DO $$").endsWith("END\n$$");
        assertThat(statements.get(1).sql()).startsWith("CREATE FUNCTION trg()").endsWith("END;\n$fn$");
    }

    @Test
    void keepsStatementsOtherParsersDrop() {
        String sql = """
                CREATE EXTENSION IF NOT EXISTS timescaledb;
                SET search_path = metrics, public;
                SET LOCAL lock_timeout = '5s';
                SELECT create_hypertable('ping_results', 'time', chunk_time_interval => INTERVAL '1 day');
                CREATE INDEX CONCURRENTLY ix ON ping_results (host, time DESC);
                """;
        assertThat(sqls(sql)).containsExactly(
                "CREATE EXTENSION IF NOT EXISTS timescaledb",
                "SET search_path = metrics, public",
                "SET LOCAL lock_timeout = '5s'",
                "SELECT create_hypertable('ping_results', 'time', chunk_time_interval => INTERVAL '1 day')",
                "CREATE INDEX CONCURRENTLY ix ON ping_results (host, time DESC)");
    }

    @Test
    void linesAreFileLinesOfTheFirstToken() {
        String sql = "\n-- leading comment\n/* block\n comment */\n  SELECT 1;\nSELECT\n2; SELECT 3;\r\nSELECT 4;\rSELECT 5;";
        List<Statement> statements = StatementSplitter.split(sql, 10);
        assertThat(statements).extracting(Statement::line).containsExactly(14, 15, 16, 17, 18);
        assertThat(statements.get(0).sql()).isEqualTo("-- leading comment\n/* block\n comment */\n  SELECT 1");
    }

    @Test
    void emptyAndCommentOnlyTextHasNoStatements() {
        assertThat(sqls("")).isEmpty();
        assertThat(sqls("  \n\t\n")).isEmpty();
        assertThat(sqls("-- nothing\n/* to /* see */ here */\n;\n")).isEmpty();
    }

    static Stream<Arguments> unterminated() {
        return Stream.of(
                Arguments.of("SELECT 1;\nSELECT 'abc;\n\nSELECT 2;", 2, "unterminated quoted string"),
                Arguments.of("SELECT 1;\n\nSELECT E'abc\\';", 3, "unterminated quoted string"),
                Arguments.of("SELECT \"abc;\nSELECT 2;", 1, "unterminated quoted identifier"),
                Arguments.of("SELECT 1;\nDO $body$ BEGIN END $$;\n", 2, "unterminated dollar-quoted string ($body$)"),
                Arguments.of("SELECT 1; /* a /* b */\nSELECT 2;", 1, "unterminated /* comment"));
    }

    @ParameterizedTest(name = "{2} at line {1}")
    @MethodSource("unterminated")
    void unterminatedConstructsNameTheLineWhereTheyStart(String sql, int line, String problem) {
        assertThatThrownBy(() -> StatementSplitter.split(sql, 1))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.file()).isNull();
                    assertThat(e.getMessage()).isEqualTo("line " + line + ": " + problem);
                });
    }
}
