package dev.strata.ops;

import static dev.strata.ops.OpsFixture.inverseSql;
import static dev.strata.ops.OpsFixture.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OtherOpsTest {

    @Test
    void views() {
        Op create = only(o -> o.createView("active_users", "SELECT * FROM users WHERE name <> 'O''Brien' AND data ? 'k'"));
        assertThat(create.statements()).containsExactly("CREATE VIEW active_users AS SELECT * FROM users WHERE name <> 'O''Brien' AND data ? 'k'");
        assertThat(inverseSql(create)).containsExactly("DROP VIEW active_users");

        Op replace = only(o -> o.replaceView("reports.Active", "SELECT 2", "SELECT 1"));
        assertThat(replace.statements()).containsExactly("CREATE OR REPLACE VIEW reports.\"Active\" AS SELECT 2");
        assertThat(inverseSql(replace)).containsExactly("CREATE OR REPLACE VIEW reports.\"Active\" AS SELECT 1");
        assertThat(only(o -> o.replaceView("v", "SELECT 2")).inverse()).isInstanceOf(Inverse.None.class);

        assertThat(only(o -> o.dropView("v")).inverse()).isInstanceOf(Inverse.None.class);
        Op drop = only(o -> o.dropView("v", "SELECT 1"));
        assertThat(drop.statements()).containsExactly("DROP VIEW v");
        assertThat(inverseSql(drop)).containsExactly("CREATE VIEW v AS SELECT 1");
    }

    @Test
    void materializedViews() {
        Op create = only(o -> o.createMaterializedView("totals", "SELECT count(*) FROM users"));
        assertThat(create.statements()).containsExactly("CREATE MATERIALIZED VIEW totals AS SELECT count(*) FROM users");
        assertThat(inverseSql(create)).containsExactly("DROP MATERIALIZED VIEW totals");
        assertThat(inverseSql(only(o -> o.dropMaterializedView("totals", "SELECT 1"))))
                .containsExactly("CREATE MATERIALIZED VIEW totals AS SELECT 1");
        assertThat(only(o -> o.dropMaterializedView("totals")).statements()).containsExactly("DROP MATERIALIZED VIEW totals");
    }

    @Test
    void schemas() {
        Op create = only(o -> o.createSchema("metrics"));
        assertThat(create.statements()).containsExactly("CREATE SCHEMA metrics");
        assertThat(inverseSql(create)).containsExactly("DROP SCHEMA metrics");
        Op drop = only(o -> o.dropSchema("Old Stuff"));
        assertThat(drop.statements()).containsExactly("DROP SCHEMA \"Old Stuff\"");
        assertThat(inverseSql(drop)).containsExactly("CREATE SCHEMA \"Old Stuff\"");
    }

    @Test
    void enums() {
        Op create = only(o -> o.createEnum("app.mood", "sad", "O'k"));
        assertThat(create.statements()).containsExactly("CREATE TYPE app.mood AS ENUM ('sad', 'O''k')");
        assertThat(inverseSql(create)).containsExactly("DROP TYPE app.mood");
        assertThat(inverseSql(only(o -> o.dropEnum("mood", "a", "b")))).containsExactly("CREATE TYPE mood AS ENUM ('a', 'b')");
        assertThat(only(o -> o.dropEnum("mood")).inverse()).isInstanceOf(Inverse.None.class);

        Op add = only(o -> o.addEnumValue("mood", "happy"));
        assertThat(add.statements()).containsExactly("ALTER TYPE mood ADD VALUE 'happy'");
        assertThat(add.transactional()).isTrue();
        assertThat(((Inverse.None) add.inverse()).reason()).startsWith("PostgreSQL cannot remove a value from an enum type");
        assertThat(only(o -> o.addEnumValueBefore("mood", "meh", "sad")).statements()).containsExactly("ALTER TYPE mood ADD VALUE 'meh' BEFORE 'sad'");
        assertThat(only(o -> o.addEnumValueAfter("mood", "O'k", "sad")).statements()).containsExactly("ALTER TYPE mood ADD VALUE 'O''k' AFTER 'sad'");
    }

    @Test
    void comments() {
        Op table = only(o -> o.commentOnTable("metrics.ping", "O'Brien's pings", null));
        assertThat(table.statements()).containsExactly("COMMENT ON TABLE metrics.ping IS 'O''Brien''s pings'");
        assertThat(inverseSql(table)).containsExactly("COMMENT ON TABLE metrics.ping IS NULL");
        assertThat(only(o -> o.commentOnTable("t", "x")).inverse()).isInstanceOf(Inverse.None.class);

        Op column = only(o -> o.commentOnColumn("users", "Email", "new", "old"));
        assertThat(column.statements()).containsExactly("COMMENT ON COLUMN users.\"Email\" IS 'new'");
        assertThat(inverseSql(column)).containsExactly("COMMENT ON COLUMN users.\"Email\" IS 'old'");
        assertThat(only(o -> o.commentOnColumn("users", "email", "x")).inverse()).isInstanceOf(Inverse.None.class);
    }

    @Test
    void extensions() {
        Op plain = only(o -> o.createExtension("pg_trgm"));
        assertThat(plain.statements()).containsExactly("CREATE EXTENSION pg_trgm");
        assertThat(inverseSql(plain)).containsExactly("DROP EXTENSION pg_trgm");

        Op full = only(o -> o.createExtension("uuid-ossp", e -> e.ifNotExists().schema("ext").version("1.1").cascade()));
        assertThat(full.statements()).containsExactly("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" SCHEMA ext VERSION '1.1' CASCADE");
        assertThat(inverseSql(full)).containsExactly("DROP EXTENSION IF EXISTS \"uuid-ossp\"");

        Op drop = only(o -> o.dropExtension("pg_trgm"));
        assertThat(drop.statements()).containsExactly("DROP EXTENSION pg_trgm");
        assertThat(inverseSql(drop)).containsExactly("CREATE EXTENSION pg_trgm");
    }

    @Test
    void rawSqlWithAndWithoutInverse() {
        Op bare = only(o -> o.execute("  UPDATE users SET name = 'O''Brien'  "));
        assertThat(bare.statements()).containsExactly("UPDATE users SET name = 'O''Brien'");
        assertThat(bare.inverse()).isInstanceOf(Inverse.None.class);
        Op given = only(o -> o.execute("GRANT SELECT ON users TO reader", "REVOKE SELECT ON users FROM reader"));
        assertThat(inverseSql(given)).containsExactly("REVOKE SELECT ON users FROM reader");
    }
}
