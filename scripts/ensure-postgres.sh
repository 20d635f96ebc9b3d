#!/usr/bin/env bash
# The store tests run against a throwaway PostgreSQL server (tests/fixtures/postgres.py starts it on
# 127.0.0.1 and stops it): this installs Debian's server when its initdb is missing. Exits non-zero with
# what to do when it cannot, so that `make test` stops instead of silently testing SQLite alone.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "PostgreSQL is missing and this user cannot install it: run 'sudo apt-get install postgresql'" >&2
  exit 1
fi
echo "installing PostgreSQL for the store tests (apt-get)..."
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q postgresql >/dev/null 2>&1; then
  apt-get update -q >/dev/null
  apt-get install -y -q postgresql >/dev/null
fi
# The package starts a cluster of its own as a service; the tests start their own, so it is left alone.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null
