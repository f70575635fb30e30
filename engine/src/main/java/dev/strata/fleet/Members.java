package dev.strata.fleet;

import dev.strata.config.ConfigException;
import dev.strata.config.TargetConfig;
import dev.strata.config.TargetSet;
import dev.strata.db.TargetDatabase;
import dev.strata.error.BadInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The members of a target set, each as a target of its own, and the {@code --only} narrowing of them. */
public final class Members {

    private Members() {}

    /**
     * Every member of the set, in the order listed (or the query's order).
     *
     * @param base the set's target, whose settings every member shares
     */
    public static List<TargetConfig> expand(TargetConfig base, TargetSet set, Duration wait, Consumer<String> notices) {
        List<TargetSet.Member> members = set.directory() == null ? set.listed() : query(base, set, wait, notices);
        List<TargetConfig> out = new ArrayList<>(members.size());
        for (TargetSet.Member m : members) {
            out.add(TargetSet.memberConfig(base, m));
        }
        return out;
    }

    private static List<TargetSet.Member> query(TargetConfig base, TargetSet set, Duration wait, Consumer<String> notices) {
        TargetSet.Directory dir = set.directory();
        String key = "targets." + base.name() + ".members_query";
        List<TargetSet.Member> out = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        try (TargetDatabase db = TargetDatabase.open(set.directoryConfig(base), wait, notices);
             Statement s = db.connection().createStatement();
             ResultSet rs = s.executeQuery(dir.query())) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String name = rs.getString(1);
                String url = columns >= 2 ? rs.getString(2) : null;
                if (name == null || name.isBlank()) {
                    throw new ConfigException(null, key, "a row gives no name (the first column is the member's name)");
                }
                TargetSet.Member member;
                if (url != null && !url.isBlank()) {
                    if (!url.startsWith("jdbc:postgresql://") && !url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
                        throw new ConfigException(null, key, "row '" + name + "' gives a URL that is not a PostgreSQL URL");
                    }
                    member = new TargetSet.Member(name, url, null);
                } else if (dir.template() != null) {
                    member = TargetSet.fromTemplate(name, dir.template());
                } else {
                    throw new ConfigException(null, key, "row '" + name + "' gives no URL (second column), and the target has no url to put the name in");
                }
                checkName(base.name(), name, url != null && !url.isBlank() ? null : dir.template());
                if (seen.put(name, true) != null) {
                    throw new ConfigException(null, key, "member '" + name + "' comes twice");
                }
                out.add(member);
            }
        } catch (SQLException e) {
            throw new ConfigException(null, key, "failed on the directory database: " + TargetDatabase.describe(e));
        }
        return out;
    }

    private static void checkName(String target, String name, String template) {
        boolean schemas = template != null && !template.contains(TargetSet.PLACEHOLDER);
        String pattern = schemas ? "[A-Za-z_][A-Za-z0-9_]*" : "[A-Za-z0-9_][A-Za-z0-9_.-]*";
        if (!name.matches(pattern)) {
            throw new ConfigException(null, "targets." + target + ".members_query", "'" + name + "' is not a member name ("
                    + (schemas ? "a schema: letters, digits and '_'" : "letters, digits, '_', '.' and '-'") + ")");
        }
    }

    /**
     * The members {@code --only} names, in the set's order.
     *
     * @throws BadInputException naming the unknown name and the known ones
     */
    public static List<TargetConfig> only(String target, List<TargetConfig> members, List<String> names) {
        if (names == null || names.isEmpty()) {
            return members;
        }
        Map<String, TargetConfig> byName = new LinkedHashMap<>();
        members.forEach(m -> byName.put(m.name(), m));
        for (String n : names) {
            if (!byName.containsKey(n)) {
                List<String> known = new ArrayList<>(byName.keySet());
                String shown = known.size() <= 30 ? String.join(", ", known)
                        : String.join(", ", known.subList(0, 30)) + ", ... (" + known.size() + " in all)";
                throw new BadInputException("--only " + n + ": target '" + target + "' has no member of that name; members: "
                        + (known.isEmpty() ? "none" : shown));
            }
        }
        List<TargetConfig> out = new ArrayList<>();
        for (TargetConfig m : members) {
            if (names.contains(m.name())) {
                out.add(m);
            }
        }
        return out;
    }

    /** The server a member's URL names (its hosts and ports), which per-server limits count by. */
    public static String server(TargetConfig member) {
        try {
            return dev.strata.config.ConnectionUrl.parse(member.url()).hosts().toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }
}
