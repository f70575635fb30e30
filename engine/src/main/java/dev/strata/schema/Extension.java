package dev.strata.schema;

/** An installed extension (plpgsql left out). */
public record Extension(String name, String schema, String version) {}
