package dev.strata.testkit;

import dev.strata.api.Project;
import dev.strata.api.TargetScope;
import dev.strata.config.Config;
import dev.strata.config.ConfigLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The sample project at the repository's root, as the kit's tests see it from this module's folder. */
final class Sample {

    static final String CONFIG = "../config/migrate.toml";

    private Sample() {}

    /** The heads of a target's branch, as the engine reads them from the scripts. */
    static List<String> heads(String target) {
        Config config = new ConfigLoader(Map.of()).load(Path.of(CONFIG));
        return TargetScope.of(Project.open(config), config.target(target)).graph().heads();
    }

    /** The first column of a query's rows, as strings, on a connection closed before returning. */
    static List<String> column(DataSource ds, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** One value. */
    static String value(DataSource ds, String sql) throws SQLException {
        return column(ds, sql).get(0);
    }

    static void execute(DataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }
}
