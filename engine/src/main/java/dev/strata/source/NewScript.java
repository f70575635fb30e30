package dev.strata.source;

import java.util.List;
import java.util.Objects;

/**
 * What a new SQL script or Java migration should say, for {@link ScriptWriter}.
 *
 * @param revision      the new revision's id
 * @param downRevisions parents; empty for a new root
 * @param branchLabels  labels the revision declares
 * @param dependsOn     revisions or labels it depends on
 * @param message       the one-line description, also the source of the file name's slug
 * @param createDate    written as given, or {@code null} to leave the header value empty
 * @param transactional false to run the script outside a transaction
 * @param upgradeSql    the upgrade part's SQL, possibly empty
 * @param downgradeSql  the downgrade part's SQL, possibly empty (SQL scripts only)
 * @param java          write a Java migration class instead of a SQL script
 */
public record NewScript(
        String revision,
        List<String> downRevisions,
        List<String> branchLabels,
        List<String> dependsOn,
        String message,
        String createDate,
        boolean transactional,
        String upgradeSql,
        String downgradeSql,
        boolean java) {

    public NewScript {
        Objects.requireNonNull(revision, "revision");
        downRevisions = downRevisions == null ? List.of() : List.copyOf(downRevisions);
        branchLabels = branchLabels == null ? List.of() : List.copyOf(branchLabels);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        message = message == null ? "" : message;
        upgradeSql = upgradeSql == null ? "" : upgradeSql;
        downgradeSql = downgradeSql == null ? "" : downgradeSql;
    }

    /** A SQL script. */
    public NewScript(String revision, List<String> downRevisions, List<String> branchLabels, List<String> dependsOn,
                     String message, String createDate, boolean transactional, String upgradeSql, String downgradeSql) {
        this(revision, downRevisions, branchLabels, dependsOn, message, createDate, transactional, upgradeSql, downgradeSql, false);
    }
}
