/**
 * Reads a live database into a {@link dev.strata.schema.Catalog}: a handful of set-based queries over
 * {@code pg_catalog} and TimescaleDB's information views (never one query per table), normalised at this
 * boundary so the differ compares like with like.
 */
package dev.strata.catalog;
