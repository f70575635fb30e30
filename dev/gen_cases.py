#!/usr/bin/python3
"""Random graphs and commands for dev/compare-with-alembic. Usage: gen_cases.py SEED COUNT"""
import random
import subprocess
import sys
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def graph(rnd):
    n = rnd.randint(2, 18)
    ids = ["r%03d" % i for i in range(n)]
    words = []
    labels_used = 0
    for i, rid in enumerate(ids):
        w = rid
        if i > 0 and rnd.random() > 0.12:
            k = 1 if rnd.random() < 0.8 else rnd.randint(2, 3)
            parents = rnd.sample(ids[:i], min(k, i))
            w += ":" + ",".join(parents)
        if rnd.random() < 0.15:
            w += "@L%d" % labels_used
            labels_used += 1
        if i > 1 and rnd.random() < 0.12:
            w += "~" + rnd.choice(ids[:i - 1])
        words.append(w)
    rnd.shuffle(words)  # script order is not topological order
    return words, ids, labels_used


def alembic_heads(spec, cur, target):
    out = subprocess.run([os.path.join(HERE, "alembic_oracle.py")], input="graph %s\nupgrade %s %s\n" % (spec, cur, target),
                         capture_output=True, text=True).stdout.strip().splitlines()
    last = out[-1].strip()
    if last.startswith("upgrade ") and "heads=" in last:
        return last.split("heads=")[1]
    return None


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    rnd = random.Random(seed)
    for _ in range(count):
        words, ids, nlabels = graph(rnd)
        spec = " ".join(words)
        print("graph " + spec)
        labels = ["L%d" % i for i in range(nlabels)]
        targets = ["heads", "head", "base", "+1", "+2", "-1"] + rnd.sample(ids, min(3, len(ids)))
        targets += [l + s for l in labels for s in ("@head", "@base", "@+1", "@-1", "@heads")]
        targets += [rnd.choice(ids) + "+1", rnd.choice(ids) + "-1"]
        targets += ["@head", "@heads", "@base", rnd.choice(ids) + "@head"]
        starts = ["-"]
        for t in rnd.sample(ids, min(2, len(ids))) + ["heads"]:
            h = alembic_heads(spec, "-", t)
            if h and h != "-":
                starts.append(h)
        for cur in starts:
            for t in targets:
                print("upgrade %s %s" % (cur, t))
                print("downgrade %s %s" % (cur, t))


main()
