package dev.strata.config;

import dev.strata.error.StrataException;

/** The configuration cannot be used: missing, unparsable, or a key with a bad value. */
public final class ConfigException extends StrataException {
    private final String file;
    private final String key;

    /**
     * @param file    the config file, or null
     * @param key     the offending key as written in TOML ({@code targets.pg.url}), or null
     * @param problem what is wrong, with secrets already masked
     */
    public ConfigException(String file, String key, String problem) {
        super((file == null ? "" : file + ": ") + (key == null ? "" : key + ": ") + problem);
        this.file = file;
        this.key = key;
    }

    public String file() {
        return file;
    }

    public String key() {
        return key;
    }

    @Override
    public Kind kind() {
        return Kind.BAD_INPUT;
    }
}
