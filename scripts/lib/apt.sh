# scripts/lib/apt.sh: installing Debian packages (apt is the only OS registry reachable). Sourced by scripts/test,
# scripts/bench, scripts/profile and scripts/screenshots, not run; the caller defines log and die.
#
#   as_root CMD...       # runs CMD as root: directly when we are root, else through sudo
#   apt_install PKG...   # installs Debian packages, running `apt-get update` once first
#   new_venv DIR         # an empty Python venv in DIR (replacing what was there), python3 and python3-venv
#                        # installed first when missing

APT_UPDATED=0

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

apt_install() {
    if [ "$APT_UPDATED" -eq 0 ]; then
        log "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    log "apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

new_venv() {
    local venv="$1"
    command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        # Debian's python3 needs python3-venv (ensurepip) to create a venv.
        rm -rf "$venv"
        apt_install python3-venv
        python3 -m venv "$venv" || die "cannot create a Python venv in $venv"
    fi
}
