/**
 * A database schema as immutable values: what the catalog reader makes of a live database (or of the
 * desired SQL replayed into a scratch database) and what the differ compares. Pure: no I/O.
 *
 * <p>Values are normalised where they are read (type names from {@code format_type}, expressions from
 * {@code pg_get_expr}, view text from {@code pg_get_viewdef}, index text from {@code pg_get_indexdef}),
 * so two values are equal exactly when PostgreSQL would call the objects the same. Lists are sorted by
 * name (columns by position), so the order the catalog lists things in never makes a difference.
 */
package dev.strata.schema;
