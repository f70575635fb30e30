package dev.strata.schema;

import java.util.List;

/**
 * A TimescaleDB hypertable: the table itself is a {@link Table}; this is what TimescaleDB adds to it.
 *
 * @param dimensions the time (first) dimension and any extra ones, in dimension order
 * @param compression the compression settings, or {@code null} when compression is off
 * @param compressAfter the compression policy's {@code compress_after} (an interval as PostgreSQL prints
 *     it, {@code 7 days}, or an integer), or {@code null} without a policy
 * @param dropAfter the retention policy's {@code drop_after}, or {@code null} without a policy
 */
public record Hypertable(QualifiedName table, List<Dimension> dimensions, Compression compression,
        String compressAfter, String dropAfter) {

    public Hypertable {
        dimensions = List.copyOf(dimensions);
    }

    /**
     * A dimension.
     *
     * @param interval the chunk interval of a range dimension as PostgreSQL prints an interval
     *     ({@code 7 days}) or an integer ({@code 1000}), else {@code null}
     * @param partitions the number of partitions of a hash dimension, else {@code null}
     */
    public record Dimension(String column, String interval, Integer partitions) {}

    /**
     * Compression settings.
     *
     * @param segmentBy columns, in order
     * @param orderBy items as written back to {@code compress_orderby}: {@code ts DESC}, {@code id}
     */
    public record Compression(List<String> segmentBy, List<String> orderBy) {

        public Compression {
            segmentBy = List.copyOf(segmentBy);
            orderBy = List.copyOf(orderBy);
        }
    }
}
