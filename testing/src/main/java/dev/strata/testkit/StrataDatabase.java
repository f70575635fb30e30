package dev.strata.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real database of one of the project's targets, migrated with the project's
 * {@code migrate.toml}. Test methods, constructors and lifecycle methods may then declare a parameter of
 * type {@link javax.sql.DataSource} or {@link MigratedDatabase} (which also has the JDBC URL).
 *
 * <p>The database is, in this order: the one named by {@code -Dstrata.test.url.TARGET} or
 * {@code STRATA_TEST_URL_TARGET} (the target's name in upper case, other characters than letters and
 * digits as {@code _}), then by {@code -Dstrata.test.url} or {@code STRATA_TEST_URL}; else a container
 * that Testcontainers starts from the image for the target's dialect (see {@link #image()}). A given
 * database is used as it is (nothing is created or dropped); a container is started once per run
 * and configuration and stopped at the end of the run. Without a URL and without a Docker engine
 * that answers, the test class fails with one message that says both ways out.
 *
 * <pre>{@code
 * @StrataDatabase(config = "config/migrate.toml", target = "postgres")
 * class DeviceRepositoryTest {
 *     @Test
 *     void savesADevice(DataSource db) throws SQLException { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(StrataExtension.class)
public @interface StrataDatabase {

    /** The project's config file, relative to the working directory (Maven: the module's folder). */
    String config() default "migrate.toml";

    /**
     * The target to migrate, as named in {@code [targets.NAME]}; may be left out when the config has
     * one target, or when {@link #revision()} is {@code LABEL@...} and one target owns that label.
     */
    String target() default "";

    /** Where to migrate to: any revision expression an upgrade takes ({@code heads}, {@code LABEL@head}, an id). */
    String revision() default "heads";

    /** Whether each test starts from the migrated state (see {@link Reset}). */
    Reset reset() default Reset.NONE;

    /**
     * The container image when no URL is given; empty for {@code -Dstrata.test.image.DIALECT} or
     * {@code STRATA_TEST_PG_IMAGE} / {@code STRATA_TEST_TIMESCALE_IMAGE}, else the official image
     * for the target's dialect ({@value Settings#POSTGRES_IMAGE}, {@value Settings#TIMESCALE_IMAGE}).
     */
    String image() default "";
}
