#!/usr/bin/env bash
# Installs every build and test dependency of NATS Workbench from Debian 12 packages.
# Idempotent: when everything is present it only checks and exits within a second.
set -euo pipefail

packages=(
    build-essential cmake ninja-build ccache pkg-config git
    clang libclang-rt-14-dev                       # libFuzzer targets
    libboost1.81-dev libboost-json1.81-dev         # Asio, Beast, JSON
    libssl-dev libcrypt-dev libspdlog-dev libfmt-dev
    libnats-dev nats-server                        # real client and reference peer
    golang-go golang-github-nats-io-go-nats-dev    # nats.go interop tests (tests/interop/go)
    qt6-base-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6opengl6-dev libxkbcommon-dev           # needed by Qt6Charts and Qt6Gui config
    libqt6sql6-sqlite libsqlite3-dev libgl-dev
    qt6-translations-l10n                          # Qt's own German strings
    xvfb xauth curl ca-certificates
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if ((${#missing[@]})); then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "deps.sh: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
