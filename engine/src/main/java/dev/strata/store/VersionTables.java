package dev.strata.store;

import dev.strata.plan.HeadChange;
import dev.strata.plan.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a target's version table (one row per current head, as Alembic's {@code alembic_version})
 * and history table (one row per step run). Pure text: the online store and offline {@code --sql} both
 * use it, so a script a DBA runs leaves the same rows an online run would.
 *
 * @param schema       schema of both tables, or null for the search path
 * @param versionTable the version table's name; the history table is named after it
 */
public record VersionTables(String schema, String versionTable) {

    /** Ids longer than Alembic's 32 characters are common ("20240325152900_add_production"). */
    public static final int ID_LENGTH = 255;

    /** {@code strata_version} -> {@code strata_history}; any other name gets {@code _history} appended. */
    public String historyTable() {
        return versionTable.endsWith("_version")
                ? versionTable.substring(0, versionTable.length() - "_version".length()) + "_history"
                : versionTable + "_history";
    }

    /**
     * {@code strata_version} -> {@code strata_lock}; any other name gets {@code _lock} appended. Used
     * only by runs through a pooler in transaction mode (see the lease in the db package).
     */
    public String leaseTable() {
        return versionTable.endsWith("_version")
                ? versionTable.substring(0, versionTable.length() - "_version".length()) + "_lock"
                : versionTable + "_lock";
    }

    public String qualifiedLeaseTable() {
        return qualify(leaseTable());
    }

    /** Creates the schema (if named) and the lease table: one row per version table whose lease is held. */
    public List<String> createLeaseStatements() {
        List<String> out = new ArrayList<>();
        if (schema != null) {
            out.add(createSchema());
        }
        out.add("CREATE TABLE IF NOT EXISTS " + qualifiedLeaseTable() + " (\n"
                + "    version_table TEXT PRIMARY KEY,\n"
                + "    holder TEXT NOT NULL,\n"
                + "    token TEXT NOT NULL,\n"
                + "    acquired_at TIMESTAMPTZ NOT NULL,\n"
                + "    renewed_at TIMESTAMPTZ NOT NULL,\n"
                + "    expires_at TIMESTAMPTZ NOT NULL\n"
                + ")");
        return out;
    }

    public String qualifiedVersionTable() {
        return qualify(versionTable);
    }

    public String qualifiedHistoryTable() {
        return qualify(historyTable());
    }

    private String qualify(String table) {
        return schema == null ? Sql.identifier(table) : Sql.identifier(schema) + "." + Sql.identifier(table);
    }

    /** Creates the schema (if named) and both tables, if they do not exist yet: for a script run outside Strata. */
    public List<String> createStatements() {
        List<String> out = new ArrayList<>();
        if (schema != null) {
            out.add(createSchema());
        }
        out.add(createVersionTable());
        out.add(createHistoryTable());
        return out;
    }

    /**
     * Creates the schema. Even with IF NOT EXISTS, PostgreSQL checks the CREATE privilege on the
     * database first, so an online run issues it only when the schema is missing.
     */
    public String createSchema() {
        return "CREATE SCHEMA IF NOT EXISTS " + Sql.identifier(schema);
    }

    public String createVersionTable() {
        return "CREATE TABLE IF NOT EXISTS " + qualifiedVersionTable() + " (\n"
                + "    version_num VARCHAR(" + ID_LENGTH + ") NOT NULL,\n"
                + "    CONSTRAINT " + Sql.identifier(versionTable + "_pkc") + " PRIMARY KEY (version_num)\n"
                + ")";
    }

    public String createHistoryTable() {
        return "CREATE TABLE IF NOT EXISTS " + qualifiedHistoryTable() + " (\n"
                + "    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                + "    revision VARCHAR(" + ID_LENGTH + ") NOT NULL,\n"
                + "    direction VARCHAR(16) NOT NULL,\n"
                + "    checksum VARCHAR(80),\n"
                + "    message TEXT,\n"
                + "    started_at TIMESTAMPTZ NOT NULL,\n"
                + "    finished_at TIMESTAMPTZ,\n"
                + "    duration_ms BIGINT,\n"
                + "    applied_by TEXT NOT NULL,\n"
                + "    tool_version TEXT NOT NULL,\n"
                + "    outcome VARCHAR(16) NOT NULL,\n"
                + "    error TEXT\n"
                + ")";
    }

    /**
     * A head change that touches one row, as one statement with a {@code ?} for each of {@link
     * #rowValues}: the same text for every step of its kind, so that the driver parses it once and the
     * server prepares it once. Null when the change touches several rows (a merge, an unmerge).
     */
    public String rowChangeSql(HeadChange change) {
        String table = qualifiedVersionTable();
        if (change instanceof HeadChange.Insert) {
            return "INSERT INTO " + table + " (version_num) VALUES (?)";
        } else if (change instanceof HeadChange.Delete) {
            return "DELETE FROM " + table + " WHERE version_num = ?";
        } else if (change instanceof HeadChange.Update) {
            return "UPDATE " + table + " SET version_num = ? WHERE version_num = ?";
        }
        return null;
    }

    /** The revision ids {@link #rowChangeSql}'s parameters take, in order; null when it has none. */
    public static List<String> rowValues(HeadChange change) {
        if (change instanceof HeadChange.Insert i) {
            return List.of(i.revision());
        } else if (change instanceof HeadChange.Delete d) {
            return List.of(d.revision());
        } else if (change instanceof HeadChange.Update u) {
            return List.of(u.to(), u.from());
        }
        return null;
    }

    public String insert(String revision) {
        return "INSERT INTO " + qualifiedVersionTable() + " (version_num) VALUES (" + Sql.literal(revision) + ")";
    }

    public String delete(String revision) {
        return "DELETE FROM " + qualifiedVersionTable() + " WHERE version_num = " + Sql.literal(revision);
    }

    public String update(String from, String to) {
        return "UPDATE " + qualifiedVersionTable() + " SET version_num = " + Sql.literal(to)
                + " WHERE version_num = " + Sql.literal(from);
    }

    /** The version-table statements of one head change, each of which must touch exactly one row. */
    public List<String> statements(HeadChange change) {
        List<String> out = new ArrayList<>();
        if (change instanceof HeadChange.Insert i) {
            out.add(insert(i.revision()));
        } else if (change instanceof HeadChange.Delete d) {
            out.add(delete(d.revision()));
        } else if (change instanceof HeadChange.Update u) {
            out.add(update(u.from(), u.to()));
        } else if (change instanceof HeadChange.Merge m) {
            m.deleted().forEach(r -> out.add(delete(r)));
            out.add(update(m.from(), m.to()));
        } else if (change instanceof HeadChange.Unmerge u) {
            u.inserted().forEach(r -> out.add(insert(r)));
            out.add(update(u.from(), u.to()));
        }
        return out;
    }

    /**
     * For a script run outside Strata: a block that raises unless the version table holds exactly
     * {@code heads}, the state the script was planned from.
     */
    public String offlineStartCheck(List<String> heads) {
        List<String> sorted = new ArrayList<>(heads);
        java.util.Collections.sort(sorted);
        String expected = sorted.isEmpty() ? "'{}'::varchar[]"
                : "ARRAY[" + String.join(", ", sorted.stream().map(Sql::literal).toList()) + "]::varchar[]";
        String table = qualifiedVersionTable();
        return "DO $strata$\nDECLARE\n    found varchar[];\nBEGIN\n"
                + "    SELECT coalesce(array_agg(version_num ORDER BY version_num), '{}') INTO found FROM " + table + ";\n"
                + "    IF found <> " + expected + " THEN\n"
                + "        RAISE EXCEPTION 'strata: this script starts from " + (sorted.isEmpty() ? "base (no rows)" : String.join(", ", sorted).replace("'", ""))
                + " but " + table.replace("'", "''") + " holds %; the database is not in the state this script starts from',\n"
                + "            CASE WHEN cardinality(found) = 0 THEN 'no rows' ELSE array_to_string(found, ', ') END;\n"
                + "    END IF;\nEND\n$strata$";
    }

    /**
     * For a script run outside Strata: a block that raises unless the version table holds exactly the
     * rows this head change expects (and none of those it will insert). It runs before the step's own
     * statements, so a script run against a database in another state stops before changing anything,
     * as the online store's row-count checks do.
     */
    public String offlinePrecondition(HeadChange change) {
        List<String> present = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        if (change instanceof HeadChange.Insert i) {
            absent.add(i.revision());
        } else if (change instanceof HeadChange.Delete d) {
            present.add(d.revision());
        } else if (change instanceof HeadChange.Update u) {
            present.add(u.from());
            absent.add(u.to());
        } else if (change instanceof HeadChange.Merge m) {
            present.addAll(m.deleted());
            present.add(m.from());
            absent.add(m.to());
        } else if (change instanceof HeadChange.Unmerge u) {
            present.add(u.from());
            absent.add(u.to());
            absent.addAll(u.inserted());
        }
        StringBuilder s = new StringBuilder("DO $strata$\nBEGIN\n");
        present.forEach(r -> s.append(rowCheck("NOT EXISTS", r, " holds no row ")));
        absent.forEach(r -> s.append(rowCheck("EXISTS", r, " already holds row ")));
        return s.append("END\n$strata$").toString();
    }

    private String rowCheck(String test, String revision, String problem) {
        return "    IF " + test + " (SELECT 1 FROM " + qualifiedVersionTable() + " WHERE version_num = " + Sql.literal(revision)
                + ") THEN\n        RAISE EXCEPTION " + Sql.literal("strata: " + qualifiedVersionTable() + problem + revision
                        + "; the database is not in the state this script starts from") + ";\n    END IF;\n";
    }

    /** The history row of an offline stamp. */
    public String offlineStampInsert(String revision, String checksum, String message, String toolVersion) {
        return "INSERT INTO " + qualifiedHistoryTable()
                + " (revision, direction, checksum, message, started_at, finished_at, duration_ms, applied_by, tool_version, outcome)"
                + " VALUES (" + Sql.literal(revision) + ", 'stamp', " + (checksum == null ? "NULL" : Sql.literal(checksum)) + ", "
                + Sql.literal(message) + ", now(), now(), 0, current_user, " + Sql.literal(toolVersion + " (offline)") + ", 'stamped')";
    }

    /**
     * A history row written by a script run outside Strata ({@code --sql}): times come from the server,
     * the user is the session's, and the outcome says it was applied by a generated script.
     */
    public String offlineHistoryInsert(Step step, String checksum, String toolVersion) {
        return "INSERT INTO " + qualifiedHistoryTable()
                + " (revision, direction, checksum, message, started_at, finished_at, duration_ms, applied_by, tool_version, outcome)"
                + " VALUES (" + Sql.literal(step.revision().id()) + ", " + Sql.literal(step.direction().word()) + ", "
                + (checksum == null ? "NULL" : Sql.literal(checksum)) + ", " + Sql.literal(step.revision().message())
                + ", now(), clock_timestamp(), (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint, current_user, "
                + Sql.literal(toolVersion + " (offline)") + ", 'applied')";
    }
}
