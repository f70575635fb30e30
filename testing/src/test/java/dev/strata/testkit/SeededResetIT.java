package dev.strata.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reset.PER_TEST brings back the migrated state, not merely empty tables: each repetition changes
 * everything a migration left behind, and the next one must find it as migrated again.
 */
@ExtendWith(LocalPostgres.class)
@StrataDatabase(config = "src/test/resources/seeded/migrate.toml", target = "app", reset = Reset.PER_TEST)
class SeededResetIT {

    @RepeatedTest(3)
    void eachTestStartsFromTheMigratedState(DataSource ds) throws Exception {
        // The rows the migration inserted, and its trigger's rows, once (no trigger ran on the way back).
        assertThat(Sample.column(ds, "SELECT name || ' ' || price_eur::numeric(10, 2) FROM plans ORDER BY id")).containsExactly("free 0.00", "pro 12.00");
        assertThat(Sample.column(ds, "SELECT what FROM audit ORDER BY id")).containsExactly("plans free", "plans pro");
        assertThat(Sample.column(ds, "SELECT count(*) FROM subscriptions")).containsExactly("0");
        // Sequences where the migration left them: the next plan is the third, the next invoice 1001.
        assertThat(Sample.value(ds, "INSERT INTO plans (name, price_cents) VALUES ('team', 4900) RETURNING id")).isEqualTo("3");
        assertThat(Sample.value(ds, "SELECT nextval('invoice_numbers')")).isEqualTo("1001");
        // Materialized views as the migration left them: one populated, one not.
        assertThat(Sample.column(ds, "SELECT relname || ' ' || relispopulated FROM pg_class WHERE relkind = 'm' ORDER BY 1"))
                .containsExactly("plan_names true", "subscription_counts false");
        assertThat(Sample.column(ds, "SELECT name FROM plan_names ORDER BY 1")).containsExactly("free", "pro");
        // Strata's own tables are kept.
        assertThat(Sample.column(ds, "SELECT version_num FROM strata_version")).containsExactly("a1a1a1a1a1a1");
        assertThat(Sample.column(ds, "SELECT revision FROM strata_history WHERE outcome = 'applied'")).containsExactly("a1a1a1a1a1a1");

        // Now change all of it, for the next repetition to find undone.
        Sample.execute(ds,
                "UPDATE plans SET price_cents = 1 WHERE name = 'pro'",
                "INSERT INTO subscriptions (plan_id, customer) SELECT id, 'acme' FROM plans WHERE name = 'pro'",
                "REFRESH MATERIALIZED VIEW plan_names",
                "REFRESH MATERIALIZED VIEW subscription_counts",
                "SELECT nextval('invoice_numbers')");
        assertThat(Sample.column(ds, "SELECT count(*) FROM audit")).containsExactly("3");
        assertThat(Sample.column(ds, "SELECT count(*) FROM plan_names")).containsExactly("3");
    }
}
