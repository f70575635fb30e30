#!/usr/bin/python3
"""Differential oracle: runs Alembic's own RevisionMap and HeadMaintainer on the graphs and commands
read from stdin and prints each plan in the format of dev.strata.plan.OracleDump, so the two can be
diffed (dev/compare-with-alembic). Needs Debian's python3-alembic (apt-get install python3-alembic).

Input, one item per line:
  graph ID[:DOWN,DOWN][@LABEL,LABEL][~DEP,DEP] ...     (revisions in script order)
  upgrade CURRENT TARGET        CURRENT = comma-separated heads, or - for none
  downgrade CURRENT TARGET
"""
import sys
import types
import warnings

warnings.simplefilter("ignore")
from alembic.script.revision import RevisionMap, Revision  # noqa: E402
from alembic.runtime.migration import RevisionStep, HeadMaintainer  # noqa: E402


class Heads(HeadMaintainer):
    def __init__(self, heads):
        self.heads = set(heads)

    def _insert_version(self, v):
        assert v not in self.heads
        self.heads.add(v)

    def _delete_version(self, v):
        self.heads.remove(v)

    def _update_version(self, f, t):
        assert t not in self.heads
        self.heads.remove(f)
        self.heads.add(t)


def parse_graph(words):
    revs = []
    for w in words:
        deps = labels = None
        if "~" in w:
            w, d = w.split("~", 1)
            deps = tuple(d.split(","))
        if "@" in w:
            w, l = w.split("@", 1)
            labels = tuple(l.split(","))
        down = None
        if ":" in w:
            w, dn = w.split(":", 1)
            down = tuple(dn.split(","))
            if len(down) == 1:
                down = down[0]
        r = Revision(w, down, dependencies=deps, branch_labels=labels)
        r.module = types.SimpleNamespace(upgrade=None, downgrade=None)
        revs.append(r)
    return RevisionMap(lambda: revs)


def strata_deviations(rmap, direction, cur, target):
    """Where Strata deliberately differs from Alembic (docs/decisions.md), apply the same rule here.
    Returns the target to give Alembic, or None when Strata refuses the command."""
    if direction != "downgrade":
        return target
    if "@" in target and target.split("@", 1)[1] in ("head", "heads"):
        # Alembic resolves the part after '@' without the branch; Strata resolves LABEL@head in the label
        found = rmap.get_revisions(target)
        if len(found) != 1:
            return None
        return target.split("@", 1)[0] + "@" + found[0].revision
    return target


def run(rmap, direction, current, target):
    # Sorted: Alembic's 'downgrade -N' from several heads walks from the first row the table returns;
    # Strata reads the version table ordered by id.
    cur = () if current == "-" else tuple(sorted(current.split(",")))
    try:
        target = strata_deviations(rmap, direction, cur, target)
        if target is None:
            return ["  error"]
        if direction == "upgrade":
            revs = list(rmap.iterate_revisions(target, cur, implicit_base=True))
            steps = [RevisionStep(rmap, r, True) for r in reversed(revs)]
        else:
            revs = list(rmap.iterate_revisions(cur, target, select_for_downgrade=True))
            steps = [RevisionStep(rmap, r, False) for r in revs]
        hm = Heads(cur)
        out = []
        for s in steps:
            try:
                hm.update_to_step(s)
            except (KeyError, AssertionError):
                return ["  crash"]  # Alembic's own head bookkeeping failed: nothing to compare
            if direction == "downgrade":
                # Strata never leaves a row whose revision is an ancestor of another row's
                # (Alembic can, when a revision depends on its own ancestor): drop such rows here too.
                for h in list(hm.heads):
                    others = [o for o in hm.heads if o != h]
                    if others and h in {r.revision for r in rmap._get_ancestor_nodes(rmap.get_revisions(others))}:
                        hm.heads.discard(h)
            out.append("  %s %s heads=%s" % (direction, s.revision.revision, ",".join(sorted(hm.heads)) or "-"))
        return out
    except Exception as e:  # noqa: BLE001 - any refusal counts as "error"
        return ["  error"]


def main():
    rmap = None
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "graph":
            try:
                rmap = parse_graph(words[1:])
                rmap._revision_map
                print("graph ok")
            except Exception:
                rmap = None
                print("graph error")
        elif rmap is not None:
            print("%s %s %s" % tuple(words))
            for out in run(rmap, *words):
                print(out)


main()
