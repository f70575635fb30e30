/**
 * The schema differ: two {@link dev.strata.schema.Catalog}s in (the live one and the desired one), the
 * ordered changes that turn one into the other out, each rendered through the {@link dev.strata.ops.Ops}
 * model so an SQL script, a Java migration and {@code --sql} come from one path. Pure: no I/O.
 */
package dev.strata.diff;
