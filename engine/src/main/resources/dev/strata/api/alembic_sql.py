"""Prints the SQL of each Alembic revision's upgrade() and downgrade(), rendered by Alembic's own
offline mode (as `alembic upgrade --sql` does, but one revision at a time and without the version
table's statements), for `migrate import alembic`.

Usage: python3 alembic_sql.py VERSIONS_DIR [VERSIONS_DIR ...]
Output, one line per part: REVISION <TAB> upgrade|downgrade <TAB> ok|error <TAB> base64(SQL or error).
"""
import base64
import io
import sys
import warnings

warnings.simplefilter("ignore")

from alembic.operations import Operations  # noqa: E402
from alembic.runtime.migration import MigrationContext  # noqa: E402
from alembic.script import ScriptDirectory  # noqa: E402


def encode(text):
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def render(function):
    buffer = io.StringIO()
    context = MigrationContext.configure(
        dialect_name="postgresql",
        opts={"as_sql": True, "output_buffer": buffer, "literal_binds": True, "transactional_ddl": False},
    )
    with Operations.context(context):
        function()
    return buffer.getvalue()


def main(locations):
    scripts = ScriptDirectory(locations[0], version_locations=locations)
    for script in scripts.walk_revisions("base", "heads"):
        module = script.module
        for part in ("upgrade", "downgrade"):
            function = getattr(module, part, None)
            if function is None:
                status, text = "error", "the revision has no %s()" % part
            else:
                try:
                    status, text = "ok", render(function)
                except Exception as e:  # a revision that reads data cannot be rendered offline
                    status, text = "error", "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")
            print("\t".join((script.revision, part, status, encode(text))))


if __name__ == "__main__":
    main(sys.argv[1:])
