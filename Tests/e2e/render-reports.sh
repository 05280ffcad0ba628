#!/usr/bin/env bash
# End-to-end check of `pbsim report` in a real browser.
#
# Renders the demo scenario's report and real elections' reports, opens each in headless Chromium
# (Debian's `chromium`, installed when missing), and checks that:
#   1. the screenshot is not blank: the PNG decodes, has more than MIN_COLOURS distinct colours, and
#      more than 2% of its pixels differ from the background (python3 with zlib; ImageMagick's
#      `identify` is the fallback for the colour count);
#   2. the page logged no errors. Two independent checks:
#      a. Chromium runs with `--enable-logging=stderr --v=0`, which copies each console message of the
#         page to stderr as `...:CONSOLE(n)] "message", source: file://...`. The report's script logs
#         nothing, so any CONSOLE line fails, as does "Uncaught" or a Content Security Policy
#         violation ("Refused to ...": the page tried to load something it must not);
#      b. `--dump-dom` prints the DOM after the script ran: the script sets data-js="ok" on <html> as
#         its last step and data-js-error="..." on any uncaught error; the first must be there, the
#         second must not.
#   A deliberately broken page is checked first, to prove that both checks catch an error.
#
# Artefacts (HTML, PNG, logs, DOM dumps) go to artifacts/e2e/ (git-ignored).
#
# Environment: PBSIM (a built pbsim; else it is built with SCRATCH, default .build, and CONFIG, release), RUNS (200),
# SCENARIO, ELECTIONS (space-separated .pb files), MIN_COLOURS (64), UPDATE_DOCS=1 to copy the
# screenshots to docs/report-scenario.png and docs/report-election.png.
set -euo pipefail

cd "$(dirname "$0")/../.."
. Tests/e2e/lib.sh
ROOT=$(pwd)
ARTIFACTS=${ARTIFACTS:-$ROOT/artifacts/e2e}
RUNS=${RUNS:-200}
SCENARIO=${SCENARIO:-Scenarios/riverside.yaml}
ELECTIONS=${ELECTIONS:-"Tests/PBRulesTests/Fixtures/pabulib/poland_warszawa_2017_wars.pb Tests/PBRulesTests/Fixtures/pabulib/poland_warszawa_2021_wola.pb"}
MIN_COLOURS=${MIN_COLOURS:-64}
WINDOW=${WINDOW:-1280,2400}
START=$(date +%s)

# --- Chromium --------------------------------------------------------------------------------------
command -v chromium-browser >/dev/null || need_debian chromium -- chromium
CHROMIUM=$(command -v chromium || command -v chromium-browser)
log "$("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
command -v python3 >/dev/null || command -v identify >/dev/null || fatal "need python3 or ImageMagick to check screenshots"

# --- pbsim -----------------------------------------------------------------------------------------
rm -rf "$ARTIFACTS"
mkdir -p "$ARTIFACTS"
pbsim_binary "$ARTIFACTS"
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT

chromium_run() {
    # Every run gets a fresh profile; --no-sandbox because CI runs as root in a container.
    rm -rf "$PROFILE"/*
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
        --force-device-scale-factor=1 --user-data-dir="$PROFILE" --no-first-run --enable-logging=stderr --v=0 \
        "$@"
}

# check_page NAME: screenshot, DOM dump and log checks of $ARTIFACTS/NAME.html; returns 1 on failure.
check_page() {
    local name=$1 html="$ARTIFACTS/$1.html" status=0
    chromium_run --window-size="$WINDOW" --screenshot="$ARTIFACTS/$name.png" "file://$html" \
        >"$ARTIFACTS/$name.log" 2>&1 || true
    chromium_run --window-size="$WINDOW" --virtual-time-budget=2000 --dump-dom "file://$html" \
        >"$ARTIFACTS/$name.dom.html" 2>>"$ARTIFACTS/$name.log" || true
    if grep -E 'CONSOLE|Uncaught|Content Security Policy|Refused to' "$ARTIFACTS/$name.log" >"$ARTIFACTS/$name.errors"; then
        printf '  %s: the page logged errors:\n' "$name" >&2
        sed 's/^/    /' "$ARTIFACTS/$name.errors" >&2
        status=1
    fi
    if ! grep -q '<html[^>]*data-js="ok"' "$ARTIFACTS/$name.dom.html"; then
        printf '  %s: the page script did not finish (no data-js="ok" in the DOM)\n' "$name" >&2
        status=1
    fi
    if grep -q '<html[^>]*data-js-error' "$ARTIFACTS/$name.dom.html"; then
        printf '  %s: the page script reported an error: %s\n' "$name" \
            "$(grep -o '<html[^>]*data-js-error="[^"]*"' "$ARTIFACTS/$name.dom.html" | head -1)" >&2
        status=1
    fi
    if [ ! -s "$ARTIFACTS/$name.png" ]; then
        printf '  %s: no screenshot\n' "$name" >&2
        return 1
    fi
    if ! check_png "$ARTIFACTS/$name.png"; then
        status=1
    fi
    return $status
}

# check_png FILE: not blank (enough distinct colours, enough non-background pixels).
check_png() {
    if command -v python3 >/dev/null; then
        python3 Tests/e2e/png_check.py "$1" "$MIN_COLOURS"
    else
        local colours
        colours=$(identify -format '%k' "$1")
        printf '  %s: %s colours\n' "$(basename "$1")" "$colours"
        [ "$colours" -gt "$MIN_COLOURS" ] || {
            printf '  %s: looks blank\n' "$1" >&2
            return 1
        }
    fi
}

# --- Self-test: a broken page must fail both error checks -------------------------------------------
log "Self-test: a page with a script error must be caught"
cat >"$ARTIFACTS/selftest-broken.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>broken</title></head>
<body><h1>A page whose script fails</h1><p>Some text so that the screenshot is not blank.</p>
<script>window.addEventListener('error',function(e){document.documentElement.setAttribute('data-js-error',e.message)});
console.error('deliberate console error'); undefinedFunction(); document.documentElement.setAttribute('data-js','ok');</script>
</body></html>
HTML
if check_page selftest-broken 2>/dev/null; then
    fatal "the error checks did not catch a broken page; see $ARTIFACTS/selftest-broken.log"
fi
grep -q CONSOLE "$ARTIFACTS/selftest-broken.log" || fatal "chromium did not log the console error (logging method broken)"
log "  caught (console log and DOM marker)"

# --- Reports ---------------------------------------------------------------------------------------
failed=0
log "Scenario report: $SCENARIO ($RUNS runs)"
"$PBSIM" report "$SCENARIO" -o "$ARTIFACTS/report-scenario.html" --runs "$RUNS"
check_page report-scenario || failed=1

for election in $ELECTIONS; do
    name="report-election-$(basename "$election" .pb)"
    log "Election report: $election"
    "$PBSIM" report "$election" -o "$ARTIFACTS/$name.html"
    check_page "$name" || failed=1
done

if [ "${UPDATE_DOCS:-0}" = 1 ]; then
    mkdir -p docs
    cp "$ARTIFACTS/report-scenario.png" docs/report-scenario.png
    last=$(basename "$(echo "$ELECTIONS" | awk '{print $NF}')" .pb)
    cp "$ARTIFACTS/report-election-$last.png" docs/report-election.png
    log "Copied screenshots to docs/"
fi

[ $failed = 0 ] || fatal "end-to-end report checks failed; artefacts in $ARTIFACTS"
log "All reports rendered without errors in $(($(date +%s) - START)) s; artefacts in ${ARTIFACTS#"$ROOT"/}"
