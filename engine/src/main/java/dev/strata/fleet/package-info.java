/**
 * Target sets run as a fleet: a set's members found (listed, or queried on a directory database),
 * narrowed with {@code --only}, run a few at a time within per-server limits, and summed up. What runs
 * on each member is the caller's (the same engine run as for one target); this package only schedules,
 * stops and reports.
 */
package dev.strata.fleet;
