"""Writes the autogenerate benchmark's schema (issue 9): 1,000 tables, 6,000 columns, 2,000 indexes
and 500 foreign keys, as one SQL file, and the same schema with 50 changes.

Usage: python3 generate.py OUT_DIR
Writes OUT_DIR/base.sql and OUT_DIR/changed.sql.
"""
import sys
from pathlib import Path

TABLES = 1000


def table(i, changed):
    name = "t%04d" % i
    cols = [
        "id bigint PRIMARY KEY",
        "a integer NOT NULL DEFAULT 0",
        "b text",
        "c timestamp with time zone DEFAULT now()",
        "d numeric(10,2)",
    ]
    # 500 tables reference the one before them: their sixth column is the foreign key.
    if i % 2 == 0:
        cols.append("ref bigint REFERENCES t%04d (id)" % (i - 1))
    else:
        cols.append("e character varying(40)")
    # The 50 changes: 20 added columns, 10 type changes, 10 dropped defaults; plus 10 new indexes below.
    if changed and i % 50 == 1:
        cols.append("added text")
    if changed and i % 100 == 3:
        cols[4] = "d numeric(12,2)"
    if changed and i % 100 == 5:
        cols[1] = "a integer NOT NULL"
    sql = "CREATE TABLE %s (\n    %s\n);\n" % (name, ",\n    ".join(cols))
    sql += "CREATE INDEX %s_a ON %s (a);\n" % (name, name)
    sql += "CREATE INDEX %s_b_c ON %s (b, c);\n" % (name, name)
    if changed and i % 100 == 7:
        sql += "CREATE INDEX %s_d ON %s (d);\n" % (name, name)
    return sql


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for changed, file in ((False, "base.sql"), (True, "changed.sql")):
        (out / file).write_text("".join(table(i, changed) for i in range(1, TABLES + 1)))


if __name__ == "__main__":
    main(sys.argv[1])
