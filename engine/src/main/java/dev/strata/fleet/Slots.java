package dev.strata.fleet;

import java.util.HashMap;
import java.util.Map;

/**
 * How many members run on each server now, against the limit: {@code --parallel N}, or the set's
 * {@code max_connections_per_server} when that is smaller. Each running member holds one connection.
 * Not thread-safe: the fleet calls it under its own lock.
 */
final class Slots {

    private final int limit;
    private final Map<String, Integer> used = new HashMap<>();
    private int peak;

    /**
     * @param parallel      {@code --parallel}, at least 1
     * @param maxPerServer  the configured limit, or 0 for none
     */
    Slots(int parallel, int maxPerServer) {
        this.limit = maxPerServer > 0 ? Math.min(parallel, maxPerServer) : parallel;
    }

    int limit() {
        return limit;
    }

    boolean free(String server) {
        return used.getOrDefault(server, 0) < limit;
    }

    void take(String server) {
        int now = used.merge(server, 1, Integer::sum);
        if (now > limit) {
            throw new IllegalStateException("server " + server + " over its limit of " + limit);
        }
        peak = Math.max(peak, now);
    }

    void release(String server) {
        used.merge(server, -1, Integer::sum);
    }

    /** The most members that ran at once on one server. */
    int peak() {
        return peak;
    }
}
