package dev.strata.schema;

import java.util.List;

/**
 * What one database holds, in the schemas the user owns (never {@code pg_catalog},
 * {@code information_schema}, TimescaleDB's own schemas, chunks, or Strata's version tables).
 * Every list is sorted by name, so two catalogs of the same schema are equal.
 *
 * @param schemas the user's schemas, {@code public} included when it exists
 * @param dependencies what needs what, for ordering; not part of the schema itself
 */
public record Catalog(List<String> schemas, List<Extension> extensions, List<Table> tables, List<Index> indexes,
        List<Sequence> sequences, List<EnumType> enums, List<View> views, List<Function> functions,
        List<Trigger> triggers, List<Hypertable> hypertables, List<ContinuousAggregate> continuousAggregates,
        List<Dependency> dependencies) {

    public Catalog {
        schemas = List.copyOf(schemas);
        extensions = List.copyOf(extensions);
        tables = List.copyOf(tables);
        indexes = List.copyOf(indexes);
        sequences = List.copyOf(sequences);
        enums = List.copyOf(enums);
        views = List.copyOf(views);
        functions = List.copyOf(functions);
        triggers = List.copyOf(triggers);
        hypertables = List.copyOf(hypertables);
        continuousAggregates = List.copyOf(continuousAggregates);
        dependencies = List.copyOf(dependencies);
    }

    public static Catalog empty() {
        return new Catalog(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of());
    }

    public Table table(QualifiedName name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    public Hypertable hypertable(QualifiedName table) {
        return hypertables.stream().filter(h -> h.table().equals(table)).findFirst().orElse(null);
    }
}
