package dev.strata.plan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How one step changes the set of current heads: the rows the version table gains, loses or has
 * rewritten. The planner decides these; the version store carries them out, checking row counts.
 */
public sealed interface HeadChange {

    /** Applies the change to a head set, checking that each row it expects is (or is not) there. */
    Set<String> apply(Set<String> heads);

    /** A new head row: a root or a new branch. */
    record Insert(String revision) implements HeadChange {
        @Override
        public Set<String> apply(Set<String> heads) {
            Set<String> out = new LinkedHashSet<>(heads);
            expectAbsent(heads, revision);
            out.add(revision);
            return out;
        }
    }

    /** A head row removed: back to base, or a branch folded into a dependency that remains. */
    record Delete(String revision) implements HeadChange {
        @Override
        public Set<String> apply(Set<String> heads) {
            expectPresent(heads, revision);
            Set<String> out = new LinkedHashSet<>(heads);
            out.remove(revision);
            return out;
        }
    }

    /** A head row rewritten from one revision to the next. */
    record Update(String from, String to) implements HeadChange {
        @Override
        public Set<String> apply(Set<String> heads) {
            return replace(heads, from, to);
        }
    }

    /** A merge point applied: the other parents' rows deleted, the last parent's row rewritten. */
    record Merge(List<String> deleted, String from, String to) implements HeadChange {
        public Merge {
            deleted = List.copyOf(deleted);
        }

        @Override
        public Set<String> apply(Set<String> heads) {
            Set<String> out = new LinkedHashSet<>(heads);
            for (String d : deleted) {
                expectPresent(out, d);
                out.remove(d);
            }
            return replace(out, from, to);
        }
    }

    /** A merge point reverted: one row rewritten to a parent, rows inserted for the other parents. */
    record Unmerge(String from, String to, List<String> inserted) implements HeadChange {
        public Unmerge {
            inserted = List.copyOf(inserted);
        }

        @Override
        public Set<String> apply(Set<String> heads) {
            Set<String> out = new LinkedHashSet<>(heads);
            for (String i : inserted) {
                expectAbsent(out, i);
                out.add(i);
            }
            return replace(out, from, to);
        }
    }

    private static Set<String> replace(Set<String> heads, String from, String to) {
        expectPresent(heads, from);
        expectAbsent(heads, to);
        Set<String> out = new LinkedHashSet<>();
        for (String h : heads) {
            out.add(h.equals(from) ? to : h);
        }
        return out;
    }

    private static void expectPresent(Set<String> heads, String revision) {
        if (!heads.contains(revision)) {
            throw new IllegalStateException("head " + revision + " expected in " + heads);
        }
    }

    private static void expectAbsent(Set<String> heads, String revision) {
        if (heads.contains(revision)) {
            throw new IllegalStateException("head " + revision + " not expected in " + heads);
        }
    }
}
