package dev.strata.ops;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The metadata of a {@link JavaMigration}, as a SQL script's header declares it. Strata reads it from
 * the source text before compiling anything, so its values must be literals: string constants
 * written inline, {@code {"a", "b"}} arrays, {@code true}/{@code false}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Migration {

    /** The revision id. */
    String revision();

    /** The down revisions: none for a root, two or more for a merge point. */
    String[] downRevision() default {};

    String[] branchLabels() default {};

    String[] dependsOn() default {};

    String message() default "";

    /** As {@code create_date} in a SQL header, e.g. {@code 2026-11-21 10:00:00}. */
    String createDate() default "";

    /**
     * When true (the default), consecutive operations that may run in a transaction share one, and
     * an operation that may not (a concurrent index, a continuous-aggregate refresh) runs on its own
     * in autocommit, in its place in the order, between those transactions; the version row is
     * written with the last part. When false, every statement runs in autocommit.
     */
    boolean transactional() default true;
}
