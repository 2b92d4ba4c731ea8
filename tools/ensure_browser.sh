#!/usr/bin/env bash
# Make sure the machine has what the tests drive outside Python: Debian's
# Chromium for the browser tests, and Pango, which WeasyPrint lays out the
# agreement's PDF with. Installs what is missing when we may (root, as in
# CI); otherwise says how.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ! ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0'; then
  missing+=(libpango-1.0-0 libpangoft2-1.0-0)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} for the tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "Missing: ${missing[*]}. Run 'sudo apt-get install --no-install-recommends ${missing[*]}'." >&2
if [ "${CI:-}" = "true" ]; then
  exit 1
fi
echo "The tests that need them will be skipped or fail (outside CI only)." >&2
