#!/usr/bin/env bash
# Makes Debian's Chromium available for the browser tests (test/e2e). Browser tests never download a browser of
# their own (no `npx playwright install`): they drive /usr/bin/chromium from Debian's packages via playwright-core.
#   - already installed: prints its version and exits 0
#   - missing, and we are root with apt-get: installs it quietly (`apt-get install -y chromium`, about 25 s)
#   - otherwise: prints what to run and exits 1
set -euo pipefail

chromium=/usr/bin/chromium

if [ -x "$chromium" ]; then
  echo "ensure-chromium: $("$chromium" --version 2>/dev/null || echo "$chromium") is available"
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $chromium is missing; installing Debian's chromium package (apt-get, about 25 s)..."
  export DEBIAN_FRONTEND=noninteractive
  log="$(mktemp)"
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "ensure-chromium: installing chromium failed (see above)." >&2
    exit 1
  fi
  rm -f "$log"
  if [ ! -x "$chromium" ]; then
    echo "ensure-chromium: apt-get finished but $chromium is still missing." >&2
    exit 1
  fi
  echo "ensure-chromium: installed $("$chromium" --version 2>/dev/null || echo "$chromium")"
  exit 0
fi

cat >&2 <<MSG
ensure-chromium: the browser tests need Debian's Chromium at $chromium, and it is not installed.
Install it (as root) with:

    sudo apt-get update && sudo apt-get install -y chromium

then run the tests again. Do not use 'npx playwright install': test tools must not download browsers.
MSG
exit 1
