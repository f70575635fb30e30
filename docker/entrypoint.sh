#!/bin/sh
# The CLI image's entry point: runs `migrate` with the given arguments as the owner of the working
# directory (the mounted project), so that files it writes there (a new revision, a lock file) belong
# to the project's owner, whoever that is on the host. When the container was started with --user, or
# the project belongs to root, it runs as it is.
set -e
if [ "$(id -u)" = 0 ]; then
  owner=$(stat -c %u:%g .)
  if [ "$owner" != 0:0 ]; then
    # That user has no home in the image; caches go to XDG_CACHE_HOME (world-writable).
    export HOME=/tmp
    exec setpriv --reuid="${owner%:*}" --regid="${owner#*:}" --clear-groups migrate "$@"
  fi
fi
exec migrate "$@"
