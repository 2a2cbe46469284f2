#!/usr/bin/env bash
# Installs the system prerequisites of caseload on a fresh Debian 12 machine:
# cmake and libclang build HiGHS (through highs-sys and bindgen); python3 runs the
# independent checker in development; chromium renders report.html in the tests. Idempotent: installs only what is missing.
set -euo pipefail

need=()
command -v cmake >/dev/null 2>&1 || need+=(cmake)
dpkg-query -W -f='${Status}' libclang1-14 2>/dev/null | grep -q "ok installed" || need+=(libclang1-14)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# Headless Chromium renders report.html in tests/html.rs.
command -v chromium >/dev/null 2>&1 || need+=(chromium)

if [ "${#need[@]}" -gt 0 ]; then
    echo "setup: installing ${need[*]}" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
else
    echo "setup: cmake, libclang, g++, python3 and chromium already present" >&2
fi
