package dev.strata.source;

import java.util.List;
import java.util.Map;

/**
 * TimescaleDB use in a SQL script's statement, found by its words: what it calls and the extension
 * version that call needs. A Java migration's ops declare this themselves; for SQL scripts this is
 * how a TimescaleDB statement on a plain PostgreSQL target is refused before anything runs.
 */
public final class TimescaleCalls {

    /** A statement's TimescaleDB use: {@code what} it uses, needing at least {@code version}. */
    public record Use(String what, String version) {}

    // Versions from TimescaleDB's release notes: compression arrived in 1.5, the 2.0 job API
    // (add_*_policy, refresh_continuous_aggregate) in 2.0, by_range/by_hash dimensions in 2.13.
    private static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("CREATE_HYPERTABLE", "1.0.0"),
            Map.entry("ADD_DIMENSION", "1.0.0"),
            Map.entry("SET_CHUNK_TIME_INTERVAL", "1.0.0"),
            Map.entry("COMPRESS_CHUNK", "1.5.0"),
            Map.entry("DECOMPRESS_CHUNK", "1.5.0"),
            Map.entry("ADD_COMPRESSION_POLICY", "2.0.0"),
            Map.entry("REMOVE_COMPRESSION_POLICY", "2.0.0"),
            Map.entry("ADD_RETENTION_POLICY", "2.0.0"),
            Map.entry("REMOVE_RETENTION_POLICY", "2.0.0"),
            Map.entry("ADD_CONTINUOUS_AGGREGATE_POLICY", "2.0.0"),
            Map.entry("REMOVE_CONTINUOUS_AGGREGATE_POLICY", "2.0.0"),
            Map.entry("ADD_REORDER_POLICY", "2.0.0"),
            Map.entry("REMOVE_REORDER_POLICY", "2.0.0"),
            Map.entry("REFRESH_CONTINUOUS_AGGREGATE", "2.0.0"),
            Map.entry("TIMESCALEDB.CONTINUOUS", "2.0.0"),
            Map.entry("TIMESCALEDB.COMPRESS", "1.5.0"),
            Map.entry("TIMESCALEDB.TRANSACTION_PER_CHUNK", "1.3.0"),
            Map.entry("BY_RANGE", "2.13.0"),
            Map.entry("BY_HASH", "2.13.0"));

    private TimescaleCalls() {}

    /** The statement's TimescaleDB use with the highest version need, or null for none. */
    public static Use of(String sql) {
        List<String> words = TransactionRules.words(sql);
        Use found = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String bare = w.startsWith("PUBLIC.") ? w.substring("PUBLIC.".length()) : w;
            String version = FUNCTIONS.get(bare);
            if (version == null && w.equals("EXTENSION") && i + 1 < words.size()) {
                String next = words.get(i + 1);
                int n = i + 1;
                while (n + 1 < words.size() && (next.equals("IF") || next.equals("NOT") || next.equals("EXISTS"))) {
                    next = words.get(++n);
                }
                if (next.equals("TIMESCALEDB") && i > 0 && words.get(0).equals("CREATE")) {
                    bare = "CREATE EXTENSION timescaledb";
                    version = "0";
                }
            }
            if (version != null && (found == null || compareVersions(version, found.version()) > 0)) {
                found = new Use(bare.toLowerCase(java.util.Locale.ROOT).replace("create extension timescaledb", "CREATE EXTENSION timescaledb"),
                        version);
            }
        }
        return found;
    }

    /**
     * {@code a} compared with {@code b} as dotted versions ({@code 2.13.0} vs {@code 2.9.1}); a suffix
     * such as {@code -dev} is ignored.
     */
    public static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? number(x[i]) : 0;
            int q = i < y.length ? number(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int number(String part) {
        int n = 0;
        for (int i = 0; i < part.length() && Character.isDigit(part.charAt(i)); i++) {
            n = n * 10 + (part.charAt(i) - '0');
        }
        return n;
    }
}
