"""Alembic's side of the autogenerate benchmark: reflect the desired database into a MetaData (as a
model would give it) and compare it with the live database, as `alembic revision --autogenerate`
does. Prints the seconds each part took and the number of differences.

Usage: /usr/bin/python3 alembic_compare.py LIVE_URL DESIRED_URL  (SQLAlchemy URLs)
"""
import sys
import time
import warnings

warnings.simplefilter("ignore")

from alembic.autogenerate import compare_metadata  # noqa: E402
from alembic.runtime.migration import MigrationContext  # noqa: E402
from sqlalchemy import MetaData, create_engine  # noqa: E402


def main(live_url, desired_url):
    t0 = time.perf_counter()
    desired = MetaData()
    with create_engine(desired_url).connect() as conn:
        desired.reflect(conn)
    t1 = time.perf_counter()
    with create_engine(live_url).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), desired)
    t2 = time.perf_counter()
    print("alembic reflect %.2f s, compare %.2f s, total %.2f s, %d differences" % (t1 - t0, t2 - t1, t2 - t0, len(diff)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
