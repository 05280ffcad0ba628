#!/usr/bin/env bash
# End to end: `pbsim serve` in a real browser (Tests/e2e/serve_pages.py drives it with selenium).
#
# Installs what is missing: Debian's chromium and chromium-driver, and selenium and
# axe-selenium-python from PyPI (pip --user when not root). Builds pbsim, starts
# `pbsim serve Scenarios/riverside.yaml ELECTION --port 0 --data TMP`, reads the address it prints,
# runs the browser checks, and stops the server. Screenshots and axe reports go to artifacts/e2e/serve/.
#
# Environment: PBSIM (a built pbsim; else it is built with SCRATCH, default .build, and CONFIG, release),
# UPDATE_DOCS=1 to copy
# the two best screenshots to docs/serve-explore.png and docs/serve-build.png.
set -euo pipefail

cd "$(dirname "$0")/../.."
. Tests/e2e/lib.sh
ROOT=$(pwd)
ARTIFACTS=${ARTIFACTS:-$ROOT/artifacts/e2e/serve}
ELECTION=${ELECTION:-Scenarios/poland_warszawa_2017_wars.pb}
START=$(date +%s)
# --- Browser and Python packages ----------------------------------------------------------------
need_debian chromium chromedriver -- chromium chromium-driver
CHROMIUM=$(command -v chromium)
CHROMEDRIVER=$(command -v chromedriver)
export CHROMIUM CHROMEDRIVER
if ! python3 -c 'import selenium, axe_selenium_python' 2>/dev/null; then
    log "Installing selenium and axe-selenium-python (PyPI)"
    if [ "$(id -u)" = 0 ]; then PIP_USER=""; else PIP_USER="--user"; fi
    python3 -m pip install -q $PIP_USER selenium axe-selenium-python || fatal "pip install failed"
fi

# --- pbsim --------------------------------------------------------------------------------------
rm -rf "$ARTIFACTS"
mkdir -p "$ARTIFACTS"
pbsim_binary "$ARTIFACTS"
DATA=$(mktemp -d)
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$DATA"
}
trap cleanup EXIT

log "Creating a panel session (4 members, at most 3 projects each)"
"$PBSIM" session create Scenarios/riverside.yaml --members 4 --max-projects 3 --country "United Kingdom" \
    --data "$DATA" --format json >"$ARTIFACTS/session.json"
export PBSIM

log "Starting pbsim serve"
"$PBSIM" serve Scenarios/riverside.yaml "$ELECTION" --port 0 --data "$DATA" >"$ARTIFACTS/server.out" 2>"$ARTIFACTS/server.err" &
SERVER_PID=$!
URL=""
for _ in $(seq 1 100); do
    URL=$(grep -o 'http://[^ ]*' "$ARTIFACTS/server.out" 2>/dev/null | head -1 || true)
    [ -n "$URL" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || fatal "the server exited: $(cat "$ARTIFACTS/server.err")"
    sleep 0.1
done
[ -n "$URL" ] || fatal "the server printed no address"
log "  $URL"

python3 Tests/e2e/serve_pages.py "$URL" "$ARTIFACTS" "$ARTIFACTS/session.json"

if [ "${UPDATE_DOCS:-0}" = 1 ]; then
    cp "$ARTIFACTS/explore-top.png" docs/serve-explore.png
    cp "$ARTIFACTS/build-error.png" docs/serve-build.png
    log "Copied screenshots to docs/"
fi
log "pbsim serve passed its browser checks in $(($(date +%s) - START)) s; artefacts in ${ARTIFACTS#"$ROOT"/}"
