/**
 * The scratch database of autogenerate: the desired schema's SQL files read in order, replayed into a
 * database the tool may empty (a target's {@code scratch_url}, or a temporary database on the target's
 * own server, dropped afterwards), so that the desired side of a diff is exactly what the server makes
 * of the SQL.
 */
package dev.strata.scratch;
