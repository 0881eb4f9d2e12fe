# scripts/lib/systemd-check.sh: the sandbox of deploy/avara.service rated by `systemd-analyze security` (sourced by
# scripts/test, not run).
#
# The caller defines log, die and apt_install.
#
#   ensure_systemd_analyze       # systemd-analyze 250 or later (for --offline); installs Debian's systemd package
#                                # when it is missing, which only adds the tools: it does not become the init system
#   check_unit_security [UNIT]   # systemd-analyze security --offline=yes on deploy/avara.service (or UNIT, a file
#                                # named avara.service); fails unless the rating is OK or better and the exposure is
#                                # at most UNIT_MAX_EXPOSURE. On systemd's scale of 0.0 to 10.0, 0.0 is PERFECT, up to
#                                # 0.9 SAFE, up to 4.9 OK, then MEDIUM (from 5.0), EXPOSED, UNSAFE and DANGEROUS.
#
# UNIT_MAX_EXPOSURE is the score README.md records (systemd 252, Debian 12): a unit that loses some of its sandbox
# fails here even while it still rates OK. Another systemd version may weigh the settings differently; set
# UNIT_MAX_EXPOSURE to run the check with another ceiling.

UNIT_MAX_EXPOSURE="${UNIT_MAX_EXPOSURE:-1.2}"

ensure_systemd_analyze() {
    local version
    if ! command -v systemd-analyze >/dev/null 2>&1; then
        apt_install systemd
    fi
    version="$(systemd-analyze --version | sed -n 's/^systemd \([0-9][0-9]*\).*$/\1/p' | head -n 1)"
    [ -n "$version" ] && [ "$version" -ge 250 ] \
        || die "systemd-analyze ${version:-of unknown version} has no --offline (needs systemd 250 or later)"
}

check_unit_security() {
    local unit="${1:-$ROOT/deploy/avara.service}" report rc=0 line exposure rating
    [[ "$UNIT_MAX_EXPOSURE" =~ ^[0-9]+\.[0-9]$ ]] || die "UNIT_MAX_EXPOSURE must have one decimal, e.g. 1.2 (not $UNIT_MAX_EXPOSURE)"
    report="$(mktemp "${TMPDIR:-/tmp}/avara-unit-security.XXXXXX")"
    log "systemd-analyze security --offline=yes deploy/avara.service (OK or better, exposure at most $UNIT_MAX_EXPOSURE)"
    # Without a UTF-8 locale and colours the verdict is plain ASCII ("-> Overall exposure level for ...: 1.2 OK").
    LC_ALL=C SYSTEMD_COLORS=0 systemd-analyze security --offline=yes --no-pager "$unit" >"$report" 2>&1 || rc=$?
    # The verdict's line, whatever arrow or emoji surround it: "Overall exposure level for avara.service: 1.2 OK".
    line="$(grep -o 'Overall exposure level for [^:]*: *[0-9][0-9]*\.[0-9] *[A-Z][A-Z]*' "$report" | tail -n 1 || true)"
    exposure="$(printf '%s\n' "$line" | sed -n 's/^.*: *\([0-9][0-9]*\.[0-9]\) *[A-Z][A-Z]*$/\1/p')"
    rating="$(printf '%s\n' "$line" | sed -n 's/^.*: *[0-9][0-9]*\.[0-9] *\([A-Z][A-Z]*\)$/\1/p')"
    if [ "$rc" -ne 0 ] || [ -z "$exposure" ] || [ -z "$rating" ]; then
        cat "$report" >&2
        rm -f "$report"
        die "systemd-analyze security did not rate deploy/avara.service (exit $rc)"
    fi
    # What still counts against the unit: the lines marked "-" (a cross in a UTF-8 locale), with their exposure.
    local left
    left="$(grep -E '^(-|✗) ' "$report" || true)"
    rm -f "$report"
    case "$rating" in
        PERFECT | SAFE | OK) ;;
        *)
            printf '%s\n' "$left" >&2
            die "deploy/avara.service rates $exposure $rating with systemd-analyze security; it must rate OK or better (see above)"
            ;;
    esac
    # Compared in tenths: both have exactly one decimal.
    local tenths="${exposure/./}" max_tenths="${UNIT_MAX_EXPOSURE/./}"
    if [ "$((10#$tenths))" -gt "$((10#$max_tenths))" ]; then
        printf '%s\n' "$left" >&2
        die "deploy/avara.service rates $exposure $rating with systemd-analyze security, above the $UNIT_MAX_EXPOSURE README.md records (see above)"
    fi
    log "deploy/avara.service: exposure $exposure $rating"
}
