#!/usr/bin/env bash
# Installs the system packages metergate needs, only those that are missing, so that
# `make demo` and `make test` work on a fresh Debian machine with Swift 6.
set -euo pipefail

missing=()
pkg-config --exists libmodbus 2>/dev/null || missing+=(libmodbus-dev)
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v socat >/dev/null || missing+=(socat)
command -v cc >/dev/null || missing+=(gcc)
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
# The warehouse tests start a throwaway server from Debian's binaries (initdb, postgres, psql).
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null ||
  missing+=(postgresql)
command -v psql >/dev/null || missing+=(postgresql-client)
# The status page test loads the page in a real headless browser (Debian's Chromium) and
# takes a screenshot; DejaVu gives the page's text a font to render with.
command -v chromium >/dev/null || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)

# The API's TLS test makes a self-signed certificate; the property run needs python3 and pip.
command -v openssl >/dev/null || missing+=(openssl)
command -v python3 >/dev/null || missing+=(python3)
python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)

# schemathesis (PyPI) checks the API against docs/openapi.yaml in HeadendTests.
install_schemathesis() {
  command -v schemathesis >/dev/null && return 0
  echo "installing: schemathesis (pip)"
  python3 -m pip install --quiet --disable-pip-version-check "schemathesis==4.32.5" ||
    python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "schemathesis==4.32.5"
}

if [ ${#missing[@]} -eq 0 ]; then
  install_schemathesis
  exit 0
fi

echo "installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "error: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_schemathesis
