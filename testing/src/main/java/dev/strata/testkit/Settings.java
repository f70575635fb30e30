package dev.strata.testkit;

import dev.strata.config.Dialect;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What the environment says about test databases: a system property wins over the environment
 * variable of the same meaning, so a build tool can set either. Read once per test class.
 */
record Settings(Map<String, String> env, Properties properties) {

    static final String POSTGRES_IMAGE = "postgres:16-alpine";
    static final String TIMESCALE_IMAGE = "timescale/timescaledb:2.17.2-pg17";

    /** How long a Docker engine may take to answer before the kit gives up on it. */
    static final Duration DOCKER_ANSWER = Duration.ofSeconds(30);

    /** How long a started container may take to accept a connection. */
    static final Duration DATABASE_READY = Duration.ofSeconds(120);

    static Settings current() {
        return new Settings(System.getenv(), System.getProperties());
    }

    /** A value and where it was found, for messages. */
    record Found(String value, String source) {}

    /** The URL given for this target: its own setting first, then the one for every target. */
    Found url(String target) {
        String suffix = target.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        Found own = first("strata.test.url." + target, "STRATA_TEST_URL_" + suffix);
        return own != null ? own : first("strata.test.url", "STRATA_TEST_URL");
    }

    /** The names a URL for this target may be given under, for the message when none is. */
    static String urlNames(String target) {
        String suffix = target.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return "STRATA_TEST_URL_" + suffix + " or STRATA_TEST_URL (or -Dstrata.test.url." + target + ", -Dstrata.test.url)";
    }

    /** The image for a dialect: the annotation's, then the settings', then the official one. */
    String image(Dialect dialect, String annotated) {
        if (!annotated.isBlank()) {
            return annotated;
        }
        Found f = dialect == Dialect.TIMESCALEDB
                ? first("strata.test.image.timescaledb", "STRATA_TEST_TIMESCALE_IMAGE")
                : first("strata.test.image.postgresql", "STRATA_TEST_PG_IMAGE");
        if (f != null) {
            return f.value();
        }
        return dialect == Dialect.TIMESCALEDB ? TIMESCALE_IMAGE : POSTGRES_IMAGE;
    }

    /**
     * Whether containers use the host's network (a Docker engine without a bridge network); each
     * then listens on a free port of 127.0.0.1.
     */
    boolean hostNetwork() {
        Found f = first("strata.test.docker.network", "STRATA_TEST_DOCKER_NETWORK");
        return f != null && "host".equals(f.value());
    }

    /**
     * Whether a missing image may be pulled: yes unless {@code never} (where no registry is reachable
     * a pull could only fail, slowly). An image already on the engine is never pulled.
     */
    boolean mayPull() {
        Found f = first("strata.test.pull", "STRATA_TEST_PULL");
        return f == null || !"never".equals(f.value());
    }

    private Found first(String property, String variable) {
        String p = properties.getProperty(property);
        if (p != null && !p.isBlank()) {
            return new Found(p, "-D" + property);
        }
        String v = env.get(variable);
        if (v != null && !v.isBlank()) {
            return new Found(v, variable);
        }
        return null;
    }
}
