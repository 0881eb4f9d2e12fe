# scripts/lib/apt.sh: installing Debian packages (apt is the only OS registry reachable). Sourced by scripts/test,
# scripts/bench, scripts/profile and scripts/screenshots, not run; the caller defines log and die.
#
#   as_root CMD...       # runs CMD as root: directly when we are root, else through sudo
#   apt_install PKG...   # installs Debian packages, running `apt-get update` once first

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
