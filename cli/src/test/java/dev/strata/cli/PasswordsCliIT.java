package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords of every character class, given every way a password can be given, against a real role
 * that must give it (bin/test creates {@code strata_nasty} with a scram-sha-256 pg_hba line; this test
 * sets its password): the right one connects and works; a wrong one, an unreachable host and a
 * database that does not exist are reported without the password or any piece of it.
 */
class PasswordsCliIT {

    private static final String ROLE = "strata_nasty";

    /** One password per character class, then all of them; letters chosen to occur in no message. */
    private static final List<String> PASSWORDS = List.of(
            "QxvZjKwyPq",
            "Kq86753091Zx",
            "Qz/Vk/8+Jw==",
            "Qz Vk Jw x",
            "Qz@Vk@Jw",
            "Qz:Vk:Jw",
            "Qz%Vk%41%zJ",
            "Qz#Vk#Jw",
            "Qz?Vk?Jw",
            "Qz&Vk=Jw;Xy",
            "Qz'Vk\"Jw",
            "Qz\\Vk\\Jw",
            "QzäVkßJwé€",
            "Aq9/ x@y:%z#w?v&u=t+s;r'p\"o\\ñ");

    /** The ways a password reaches Strata. */
    enum Way { LIBPQ_URL, JDBC_PARAMETER, PASSWORD_KEY, DOT_ENV, ENV_URL, ENV_PASSWORD }

    @TempDir
    Path dir;

    TestDatabase db;
    String host;

    @BeforeEach
    void database() {
        db = TestDatabase.create("passwords");
        String url = db.jdbcUrl().substring("jdbc:postgresql://".length());
        host = url.substring(0, url.indexOf('/'));
        db.execute("GRANT CREATE ON SCHEMA public TO " + ROLE);
    }

    @AfterEach
    void drop() {
        db.execute("DROP OWNED BY " + ROLE);
        db.close();
    }

    @Test
    void everyPasswordEveryWayConnectsAndNeverShows() {
        setPassword("Probe-only-9");
        assumeTrue(passwordsEnforced(), "the server does not check passwords for " + ROLE + " (run bin/test as root to set it up)");
        List<String> failures = new ArrayList<>();
        for (int n = 0; n < PASSWORDS.size(); n++) {
            String password = PASSWORDS.get(n);
            setPassword(password);
            // Every way for the password that has every class; for the others, the URL and one more way
            // in turn (the whole matrix takes minutes: each run is a full command with a scram login).
            List<Way> ways = n == PASSWORDS.size() - 1 ? List.of(Way.values())
                    : List.of(Way.LIBPQ_URL, Way.values()[1 + n % (Way.values().length - 1)]);
            for (Way way : ways) {
                String wrong = password + "Wj";
                check(failures, password, way, "right", cli(way, password, host, db.name()), n, 0,
                        List.of("current", "-v"), List.of("status", "--json"));
                check(failures, wrong, way, "wrong password", cli(way, wrong, host, db.name()), n, 3,
                        List.of("current"), List.of("--json", "check"));
                check(failures, wrong, way, "wrong password (status)", cli(way, wrong, host, db.name()), n, 0,
                        List.of("status", "--json"));
                check(failures, password, way, "unreachable", cli(way, password, "127.0.0.1:1", db.name()), n, 3,
                        n == 2 || n == PASSWORDS.size() - 1 ? List.of("current", "--wait", "1s") : List.of("current"));
                check(failures, password, way, "no such database", cli(way, password, host, "no_such_db_qq"), n, 3,
                        List.of("current", "-v"));
            }
        }
        // The right password runs migrations too.
        String all = PASSWORDS.get(PASSWORDS.size() - 1);
        check(failures, all, Way.DOT_ENV, "right", cli(Way.DOT_ENV, all, host, db.name()), PASSWORDS.size() - 1, 0,
                List.of("upgrade", "heads"), List.of("current"));
        assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("a1");
        assertThat(failures).isEmpty();
    }

    /** Runs each command; records what went wrong (a leak, a wrong exit code) without the secret. */
    @SafeVarargs
    private void check(List<String> failures, String secret, Way way, String scenario, Cli cli, int label, int code,
                       List<String>... commands) {
        for (List<String> command : commands) {
            Cli.Result r = cli.run(command.toArray(String[]::new));
            String text = r.out() + r.err();
            String where = "password #" + label + " by " + way + ", " + scenario + ", " + command;
            String leak = leak(secret, text);
            if (leak != null) {
                failures.add(where + ": output shows " + leak);
            }
            if (r.code() != code) {
                failures.add(where + ": exit " + r.code() + " instead of " + code + ": " + ConfigScrub.scrub(text, secret));
            }
        }
    }

    /** What of the secret the text shows: the whole, an encoded spelling, or a piece of 3 or more characters. */
    private String leak(String secret, String text) {
        String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        if (text.contains(secret) || text.contains(encoded) || text.contains(encoded.replace("+", "%20"))) {
            return "the whole password";
        }
        // Text a piece may match without coming from the password (a piece of only digits may be a time).
        String context = ROLE + " 127.0.0.1 " + host + " " + db.name() + " no_such_db_qq";
        for (int len = 3; len <= secret.length(); len++) {
            for (int i = 0; i + len <= secret.length(); i++) {
                String piece = secret.substring(i, i + len);
                if (text.contains(piece) && !context.contains(piece) && !piece.chars().allMatch(Character::isDigit)) {
                    return "a piece of " + len + " characters at " + i;
                }
            }
        }
        return null;
    }

    /** A project whose only target gets the password the given way. */
    private Cli cli(Way way, String password, String hostPort, String database) {
        Cli cli = new Cli(dir);
        cli.write("m/a1.sql", Cli.script("a1", "", "", "CREATE TABLE IF NOT EXISTS t (id int);", "DROP TABLE t;"));
        String enc = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
        String libpq = "postgresql://" + ROLE + ":" + enc + "@" + hostPort + "/" + database;
        String plain = "postgresql://" + ROLE + "@" + hostPort + "/" + database;
        String target = switch (way) {
            case LIBPQ_URL -> "url = \"" + libpq + "\"\n";
            case JDBC_PARAMETER -> "url = \"jdbc:postgresql://" + hostPort + "/" + database + "?user=" + ROLE + "&password=" + enc + "\"\n";
            case PASSWORD_KEY -> "url = \"" + plain + "\"\npassword = \"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
            case DOT_ENV -> "url = \"" + plain + "\"\npassword = \"${NASTY_PW}\"\n";
            case ENV_URL -> "url = \"${NASTY_URL}\"\n";
            case ENV_PASSWORD -> "url = \"" + plain + "\"\npassword = \"${NASTY_PW}\"\n";
        };
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.app]\n" + target);
        // Double quotes with dotenv's escapes: a single-quoted value would end at the password's own quote.
        cli.write(".env", way == Way.DOT_ENV ? "NASTY_PW=\"" + password.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$")
                + "\"\n" : "# nothing\n");
        if (way == Way.ENV_URL) {
            cli.env("NASTY_URL", libpq);
        } else if (way == Way.ENV_PASSWORD) {
            cli.env("NASTY_PW", password);
        }
        return cli;
    }

    private void setPassword(String password) {
        db.execute("ALTER ROLE " + ROLE + " PASSWORD '" + password.replace("'", "''") + "'");
    }

    private boolean passwordsEnforced() {
        String base = db.jdbcUrl().substring(0, db.jdbcUrl().indexOf('?'));
        try (var c = DriverManager.getConnection(base, ROLE, "surely-wrong")) {
            return false;
        } catch (SQLException e) {
            return "28P01".equals(e.getSQLState());
        }
    }

    /** For failure messages: the output with the secret blanked, so a failing run does not print it either. */
    private static final class ConfigScrub {
        static String scrub(String text, String secret) {
            return text.replace(secret, "<secret>");
        }
    }
}
