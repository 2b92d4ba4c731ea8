#!/usr/bin/env bash
# Make sure Debian's Chromium is there for the browser tests.
# Installs it when missing and we may (root, as in CI); otherwise says how.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  exit 0
fi
echo "Chromium is not installed: run 'sudo apt-get install --no-install-recommends chromium'." >&2
if [ "${CI:-}" = "true" ]; then
  exit 1
fi
echo "Browser tests will be skipped (outside CI only)." >&2
