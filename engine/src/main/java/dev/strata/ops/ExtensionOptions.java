package dev.strata.ops;

/** Options of {@link Ops#createExtension}: {@code e -> e.ifNotExists().schema("ext").version("1.1")}. */
public final class ExtensionOptions {

    boolean ifNotExists;
    String schema;
    String version;
    boolean cascade;

    ExtensionOptions() {}

    /** {@code IF NOT EXISTS} (and {@code IF EXISTS} when a downgrade drops it). */
    public ExtensionOptions ifNotExists() {
        ifNotExists = true;
        return this;
    }

    /** {@code SCHEMA schema}: where the extension's objects go. */
    public ExtensionOptions schema(String schema) {
        Sql.identifier(schema);
        this.schema = schema;
        return this;
    }

    /** {@code VERSION 'version'}. */
    public ExtensionOptions version(String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("an extension version must not be empty");
        }
        this.version = version.strip();
        return this;
    }

    /** {@code CASCADE}: also installs the extensions this one requires. */
    public ExtensionOptions cascade() {
        cascade = true;
        return this;
    }
}
