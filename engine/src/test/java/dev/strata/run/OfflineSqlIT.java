package dev.strata.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.api.OfflineRun;
import dev.strata.api.Project;
import dev.strata.config.ConfigLoader;
import dev.strata.expr.RevisionExpr;
import dev.strata.plan.Direction;
import dev.strata.source.Statement;
import dev.strata.source.StatementSplitter;
import dev.strata.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sample project's offline scripts, run on a real database as a DBA would, statement by statement. */
class OfflineSqlIT {

    TestDatabase db;
    Project project;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create("offline");
        project = Project.open(new ConfigLoader(Map.of()).load(Path.of("../config/migrate.toml")));
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private String script(Direction d, String start, String end) {
        return OfflineRun.render(project, project.config().target("postgres"), d,
                start == null ? null : RevisionExpr.parse(start), RevisionExpr.parse(end));
    }

    /** Runs a script the way psql -v ON_ERROR_STOP=1 does: statement by statement, in autocommit. */
    private void run(String sql) throws SQLException {
        try (Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            for (Statement st : StatementSplitter.split(sql, 1)) {
                s.execute(st.sql());
            }
        } catch (SQLException e) {
            try (Connection c = db.connect()) {
                c.createStatement().execute("ROLLBACK");
            }
            throw e;
        }
    }

    @Test
    void upgradeAndDowngradeScriptsRunAndRefuseTheWrongStartState() throws SQLException {
        String up = script(Direction.UPGRADE, null, "postgres@head");
        run(up);
        assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("e5f4a7b6c8d9");
        assertThat(db.column("SELECT revision || ' ' || outcome FROM strata_history ORDER BY id")).hasSize(5)
                .allMatch(r -> r.endsWith(" applied"));
        assertThat(db.column("SELECT indexname FROM pg_indexes WHERE indexname = 'ix_devices_last_seen'")).hasSize(1);

        assertThatThrownBy(() -> run(up))
                .hasMessageContaining("strata: this script starts from base (no rows) but strata_version holds e5f4a7b6c8d9");
        assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("e5f4a7b6c8d9");

        run(script(Direction.DOWNGRADE, "e5f4a7b6c8d9", "base"));
        assertThat(db.column("SELECT version_num FROM strata_version")).isEmpty();
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
                .containsExactly("strata_history", "strata_version");

        // stamp --sql: from base, then from where that left it
        run(OfflineRun.renderStamp(project, project.config().target("postgres"), null, java.util.List.of(RevisionExpr.parse("b2e1d4c3f5a6"))));
        assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("b2e1d4c3f5a6");
        run(OfflineRun.renderStamp(project, project.config().target("postgres"), RevisionExpr.parse("b2e1d4c3f5a6"),
                java.util.List.of(RevisionExpr.parse("postgres@head"))));
        assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("e5f4a7b6c8d9");
        assertThat(db.column("SELECT revision || ' ' || outcome FROM strata_history WHERE direction = 'stamp' ORDER BY id"))
                .containsExactly("b2e1d4c3f5a6 stamped", "e5f4a7b6c8d9 stamped");
    }
}
