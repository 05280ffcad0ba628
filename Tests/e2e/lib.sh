# Shared by the end-to-end scripts (sourced, not run): messages, Debian packages, and the pbsim binary.
#
# Environment: PBSIM (a built pbsim; else `pbsim_binary` builds one with SCRATCH, default .build, and
# CONFIG, default release, with the Makefile's flags, so the build `make test` left is reused).

log() { printf '==> %s\n' "$*"; }
fatal() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

if [ "$(id -u)" = 0 ]; then APT_GET=apt-get; else APT_GET="sudo apt-get"; fi

# Installs the Debian packages named, when any of the commands before `--` is missing:
#   need_debian chromium chromedriver -- chromium chromium-driver
need_debian() {
    local commands=() missing=""
    while [ "$1" != "--" ]; do commands+=("$1"); shift; done
    shift
    for c in "${commands[@]}"; do command -v "$c" >/dev/null || missing=1; done
    [ -z "$missing" ] && return 0
    log "Installing $* (Debian packages)"
    $APT_GET update -qq
    DEBIAN_FRONTEND=noninteractive $APT_GET install -y -qq "$@" >/dev/null || fatal "apt-get install $* failed"
    for c in "${commands[@]}"; do command -v "$c" >/dev/null || fatal "$c did not install"; done
}

# Sets PBSIM to a built pbsim; when PBSIM is unset, builds one, with its log in $1/build.log.
pbsim_binary() {
    local artifacts=$1
    if [ -z "${PBSIM:-}" ]; then
        local scratch=${SCRATCH:-.build} config=${CONFIG:-release}
        log "Building pbsim ($config, scratch path $scratch)"
        if ! swift build -c "$config" -Xswiftc -enable-testing --product pbsim --scratch-path "$scratch" \
            >"$artifacts/build.log" 2>&1; then
            grep -v '^    /' "$artifacts/build.log" | tail -20 >&2
            fatal "swift build failed (full log: $artifacts/build.log)"
        fi
        PBSIM="$(swift build -c "$config" -Xswiftc -enable-testing --scratch-path "$scratch" --show-bin-path)/pbsim"
    fi
    [ -x "$PBSIM" ] || fatal "no pbsim at $PBSIM"
}
