#!/usr/bin/env bash
# Installs what the tests' independent consumers need, so that `cargo test --release` runs every
# check instead of skipping some:
#   - .venv/: a Python venv with rdflib, pySHACL, networkx and the Oxigraph server (tests/requirements.txt)
#   - .venv/node_modules/: playwright-core, which drives Debian's Chromium (it downloads no browser)
#   - Graphviz (dot), Raptor (rapper) and Chromium from Debian's packages: installed when run as root,
#     else the apt line to run is printed.
# The tests find .venv/ by themselves: no PATH or NODE_PATH to set. Run it again at any time.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_missing=()
command -v dot >/dev/null || apt_missing+=(graphviz)
command -v rapper >/dev/null || apt_missing+=(raptor2-utils)
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || apt_missing+=(chromium)
if [ ${#apt_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: apt-get install ${apt_missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${apt_missing[@]}" >/dev/null
  else
    echo "setup: these system packages are missing; install them as root, then run the tests:"
    echo "  sudo apt-get install ${apt_missing[*]}"
  fi
fi

echo "setup: Python venv in .venv (tests/requirements.txt)"
python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r tests/requirements.txt

if command -v npm >/dev/null; then
  echo "setup: playwright-core in .venv/node_modules"
  npm install --prefix .venv --no-audit --no-fund --silent --no-save playwright-core@1.65.1 >/dev/null
else
  echo "setup: npm not found: install Node.js (apt-get install nodejs npm) for the browser test"
fi
echo "setup: done; run: cargo test --release"
