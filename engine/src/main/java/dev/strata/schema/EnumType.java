package dev.strata.schema;

import java.util.List;

/** An enum type, its labels in sort order. */
public record EnumType(QualifiedName name, List<String> labels, String comment) {

    public EnumType {
        labels = List.copyOf(labels);
    }
}
