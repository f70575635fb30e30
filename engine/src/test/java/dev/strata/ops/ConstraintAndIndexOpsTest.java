package dev.strata.ops;

import static dev.strata.ops.OpsFixture.inverseSql;
import static dev.strata.ops.OpsFixture.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstraintAndIndexOpsTest {

    @Test
    void primaryKeyIsAddedAndDroppedByName() {
        Op add = only(o -> o.addPrimaryKey("users_pkey", "users", "id"));
        assertThat(add.statements()).containsExactly("ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id)");
        assertThat(inverseSql(add)).containsExactly("ALTER TABLE users DROP CONSTRAINT users_pkey");

        Op drop = only(o -> o.dropPrimaryKey("users_pkey", "users"));
        assertThat(drop.statements()).containsExactly("ALTER TABLE users DROP CONSTRAINT users_pkey");
        assertThat(drop.inverse()).isInstanceOf(Inverse.None.class);

        Op reversible = only(o -> o.dropPrimaryKey("users_pkey", "users", "id", "tenant"));
        assertThat(inverseSql(reversible)).containsExactly("ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id, tenant)");
    }

    @Test
    void uniqueAndCheck() {
        Op unique = only(o -> o.addUnique("users_email_key", "users", "email"));
        assertThat(unique.statements()).containsExactly("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)");
        assertThat(inverseSql(unique)).containsExactly("ALTER TABLE users DROP CONSTRAINT users_email_key");
        assertThat(inverseSql(only(o -> o.dropUnique("users_email_key", "users", "email"))))
                .containsExactly("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)");
        assertThat(only(o -> o.dropUnique("users_email_key", "users")).inverse()).isInstanceOf(Inverse.None.class);

        Op check = only(o -> o.addCheck("name_ck", "users", "name <> 'O''Brien'"));
        assertThat(check.statements()).containsExactly("ALTER TABLE users ADD CONSTRAINT name_ck CHECK (name <> 'O''Brien')");
        assertThat(inverseSql(check)).containsExactly("ALTER TABLE users DROP CONSTRAINT name_ck");
        assertThat(inverseSql(only(o -> o.dropCheck("name_ck", "users", "length(name) > 0"))))
                .containsExactly("ALTER TABLE users ADD CONSTRAINT name_ck CHECK (length(name) > 0)");
    }

    @Test
    void foreignKeyWithActions() {
        Op add = only(o -> o.addForeignKey("orders_user_fk", "shop.orders", fk -> fk.columns("user_id")
                .references("users", "id").onDelete(ReferentialAction.RESTRICT).onUpdate(ReferentialAction.CASCADE)));
        assertThat(add.statements()).containsExactly("ALTER TABLE shop.orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) "
                + "REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE");
        assertThat(inverseSql(add)).containsExactly("ALTER TABLE shop.orders DROP CONSTRAINT orders_user_fk");

        Op drop = only(o -> o.dropForeignKey("orders_user_fk", "shop.orders", fk -> fk.columns("user_id").references("users", "id")));
        assertThat(drop.statements()).containsExactly("ALTER TABLE shop.orders DROP CONSTRAINT orders_user_fk");
        assertThat(inverseSql(drop)).containsExactly("ALTER TABLE shop.orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)");
        assertThat(only(o -> o.dropForeignKey("orders_user_fk", "shop.orders")).inverse()).isInstanceOf(Inverse.None.class);
        assertThat(only(o -> o.dropConstraint("anything", "t")).statements()).containsExactly("ALTER TABLE t DROP CONSTRAINT anything");
    }

    @Test
    void plainIndexThroughJooqAndItsSchemaQualifiedDrop() {
        Op op = only(o -> o.createIndex("ping_user_idx", "metrics.ping", "user_id", "time"));
        assertThat(op.statements()).containsExactly("CREATE INDEX ping_user_idx ON metrics.ping(user_id, time)");
        assertThat(op.transactional()).isTrue();
        assertThat(inverseSql(op)).containsExactly("DROP INDEX metrics.ping_user_idx");
    }

    @Test
    void uniquePartialExpressionIndex() {
        Op op = only(o -> o.createIndex("users_email_idx", "users", i -> i.unique().expression("lower(email)")
                .where("deleted_at IS NULL AND name <> 'O''Brien'").ifNotExists()));
        assertThat(op.statements()).containsExactly(
                "CREATE UNIQUE INDEX IF NOT EXISTS users_email_idx ON users(lower(email)) WHERE deleted_at IS NULL AND name <> 'O''Brien'");
        assertThat(inverseSql(op)).containsExactly("DROP INDEX IF EXISTS users_email_idx");
    }

    @Test
    void expressionsThatAreNotACallGetParentheses() {
        Op op = only(o -> o.createIndex("ix", "t", i -> i.expression("a + b").expression("coalesce(a, b) || c").desc("Time").include("payload")));
        assertThat(op.statements()).containsExactly("CREATE INDEX ix ON t((a + b), (coalesce(a, b) || c), \"Time\" DESC) INCLUDE (payload)");
    }

    @Test
    void concurrentIndexWithMethodIsATemplateAndNotTransactional() {
        Op op = only(o -> o.createIndex("docs_body_idx", "app.docs", i -> i.using("GIN").expression("to_tsvector('english', body)").concurrently()));
        assertThat(op.statements()).containsExactly("CREATE INDEX CONCURRENTLY docs_body_idx ON app.docs USING gin (to_tsvector('english', body))");
        assertThat(op.transactional()).isFalse();
        Op drop = ((Inverse.Undo) op.inverse()).ops().get(0);
        assertThat(drop.statements()).containsExactly("DROP INDEX CONCURRENTLY app.docs_body_idx");
        assertThat(drop.transactional()).isFalse();

        Op brin = only(o -> o.createIndex("ping_time_brin", "ping", i -> i.using("brin").columns("time").where("time > '2020-01-01'")));
        assertThat(brin.statements()).containsExactly("CREATE INDEX ping_time_brin ON ping USING brin (time) WHERE time > '2020-01-01'");
        assertThat(brin.transactional()).isTrue();
    }

    @Test
    void dropIndexKeepsTheSchema() {
        Op op = only(o -> o.dropIndex("metrics.ping_user_idx"));
        assertThat(op.statements()).containsExactly("DROP INDEX metrics.ping_user_idx");
        assertThat(op.inverse()).isInstanceOf(Inverse.None.class);

        Op concurrent = only(o -> o.dropIndexConcurrently("metrics.Odd Index"));
        assertThat(concurrent.statements()).containsExactly("DROP INDEX CONCURRENTLY metrics.\"Odd Index\"");
        assertThat(concurrent.transactional()).isFalse();

        Op given = only(o -> o.dropIndex("ping_user_idx", "metrics.ping", i -> i.columns("user_id").concurrently()));
        assertThat(given.statements()).containsExactly("DROP INDEX CONCURRENTLY metrics.ping_user_idx");
        assertThat(given.transactional()).isFalse();
        assertThat(inverseSql(given)).containsExactly("CREATE INDEX CONCURRENTLY ping_user_idx ON metrics.ping(user_id)");
    }
}
