#!/usr/bin/env bash
# Provides what the tests need beyond the build itself: a headless Chromium and its matching driver, which the
# passport's browser tests drive through Selenium, and a font with Chinese glyphs for the passport's Chinese page.
# Installs them from Debian's packages when missing (as root, the way this machine's kind is run); otherwise says
# exactly what to install. Idempotent and quick once present.
# Also UNTP's published JSON schema of the Digital Product Passport, which core's credential tests validate against:
# it ships in the PyPI wheel of dppvalidator (vendored byte for byte, with UNTP's URL and SHA-256 in its manifest), so
# the wheel is downloaded into the cache, not installed; the tests read the schema from it.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$NETWORK_DIR/scripts/lib.sh"

UNTP_WHEEL_DIR="$CACHE_DIR/untp"
if [ ! -f "$UNTP_WHEEL_DIR/dppvalidator-0.5.1-py3-none-any.whl" ]; then
  if command -v pip3 >/dev/null 2>&1 || command -v pip >/dev/null 2>&1; then
    log "downloading the dppvalidator 0.5.1 wheel (UNTP's DPP schema) into $UNTP_WHEEL_DIR"
    mkdir -p "$UNTP_WHEEL_DIR"
    "$(command -v pip3 || command -v pip)" download -q --no-deps --only-binary :all: dppvalidator==0.5.1 -d "$UNTP_WHEEL_DIR"
  else
    echo "the UNTP schema test needs pip to download dppvalidator==0.5.1 into $UNTP_WHEEL_DIR" >&2
  fi
fi
# A maintained VC library (npm @transmute/verifiable-credentials, VC-JOSE-COSE) that the service's credential test
# runs through node to verify the credentials it serves.
UNTP_NODE_DIR="$CACHE_DIR/untp/node"
if [ ! -f "$UNTP_NODE_DIR/node_modules/@transmute/verifiable-credentials/package.json" ]; then
  if command -v npm >/dev/null 2>&1; then
    log "installing @transmute/verifiable-credentials 0.3.3 into $UNTP_NODE_DIR"
    mkdir -p "$UNTP_NODE_DIR"
    npm install --prefix "$UNTP_NODE_DIR" --no-audit --no-fund --silent @transmute/verifiable-credentials@0.3.3
  else
    echo "the credential test needs node and npm to install @transmute/verifiable-credentials into $UNTP_NODE_DIR" >&2
  fi
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
# A font with Chinese glyphs: the passport's Chinese page is checked and screenshotted in the browser.
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "the browser tests need ${missing[*]} (Debian packages): install them, e.g. sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
log "installing ${missing[*]} for the browser tests"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
