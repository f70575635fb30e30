package dev.strata.ops;

import java.util.ArrayList;
import java.util.List;

/** Options of {@link TimescaleOps#enableCompression}: {@code c -> c.segmentBy("device_id").orderBy("time DESC")}. */
public final class CompressionOptions {

    final List<String> segmentBy = new ArrayList<>();
    final List<String> orderBy = new ArrayList<>();

    CompressionOptions() {}

    /** {@code timescaledb.compress_segmentby}: the columns rows are grouped by. */
    public CompressionOptions segmentBy(String... columns) {
        for (String column : columns) {
            segmentBy.add(Sql.render(Sql.identifier(column)));
        }
        return this;
    }

    /**
     * {@code timescaledb.compress_orderby}: columns, each optionally followed by {@code ASC}/{@code DESC} and
     * {@code NULLS FIRST}/{@code NULLS LAST}, e.g. {@code "time DESC"}.
     */
    public CompressionOptions orderBy(String... columns) {
        for (String column : columns) {
            String[] words = column.strip().split("\\s+", 2);
            String order = words.length == 2 ? " " + words[1].toUpperCase(java.util.Locale.ROOT) : "";
            if (!order.isEmpty() && !order.matches(" (ASC|DESC)?( ?NULLS (FIRST|LAST))?")) {
                throw new IllegalArgumentException("not an order-by item: " + column);
            }
            orderBy.add(Sql.render(Sql.identifier(words[0])) + order);
        }
        return this;
    }
}
