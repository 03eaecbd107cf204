#!/usr/bin/env bash
# Installs what impact needs on a fresh Debian machine with Swift, when missing:
# libcsv (the CSV parser), SQLite (the export), OpenSSL's libcrypto (the inputs'
# SHA-256), and the tools the tests cross-check against (sqlite3, Miller). Safe to run again: it installs nothing
# that is already there.
set -euo pipefail

need=()
[ -f /usr/include/csv.h ] || need+=(libcsv-dev)
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
[ -f /usr/include/openssl/evp.h ] || need+=(libssl-dev)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
command -v mlr >/dev/null 2>&1 || need+=(miller)

if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}"
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "error: swift is not on PATH; install the Swift 6 toolchain first" >&2
    exit 2
fi
