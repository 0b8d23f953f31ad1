#!/usr/bin/env bash
# One-shot set-up on a fresh Debian/Ubuntu machine:
#   1. Debian packages Qt's xcb plugin and Xvfb need (apt-get when root, sudo when available,
#      otherwise the exact command is printed),
#   2. a virtual environment in .venv with the pinned Python packages (constraints.txt),
#   3. the derived bone meshes, built from the installed musculoskeletal-models package.
# Safe to run again: every step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
libxcb-render-util0 libxcb-xinerama0 libxcb-shape0 libxkbcommon-x11-0 libgl1 libegl1 \
libglx-mesa0 libfontconfig1 libdbus-1-3"

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
    for p in $APT_PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
    done
fi
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "[setup] installing Debian packages:$missing"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        echo "[setup] installing Debian packages with sudo:$missing"
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
        echo "[setup] Qt needs these Debian packages. Please run:"
        echo "    sudo apt-get install -y$missing"
    fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "[setup] creating .venv"
    "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
if [ ! -f "$stamp" ]; then
    echo "[setup] installing Python packages (pinned by constraints.txt)"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -c constraints.txt -e ".[test]"
    rm -f .venv/.installed-*
    touch "$stamp"
fi
.venv/bin/python -m viewer.anatomy build --derived-only --if-missing
