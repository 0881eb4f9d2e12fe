# scripts/lib/dashboard.sh: the dashboard in a real browser (sourced by scripts/test, not run).
#
# The caller defines log, die, apt_install and a CLEANUP_ACTIONS array that its EXIT trap runs in reverse.
#
#   ensure_browser          # Debian's chromium, and Playwright and axe-playwright-python (PyPI, pinned) in a venv
#                           # under .build/test-tools; sets BROWSER_VENV. Never `playwright install` (it downloads).
#   start_dashboard_service # serves a debug build of `avara` on a free loopback port over a new SQLite file
#   run_dashboard_script    # runs a script of scripts/dashboard/ in the venv against that service
#   run_dashboard_check     # both, with scripts/dashboard/test_dashboard.py; fails on any failed scenario or
#                           # serious or critical axe-core violation, or a server that stopped

PLAYWRIGHT_VERSION="1.65.2"
AXE_PLAYWRIGHT_VERSION="0.1.8"

ensure_browser() {
    command -v chromium >/dev/null 2>&1 || apt_install chromium fonts-dejavu-core
    BROWSER_VENV="$ROOT/.build/test-tools/browser-venv"
    if "$BROWSER_VENV/bin/python" -c "
import importlib.metadata as m, sys
sys.exit(m.version('playwright') != '$PLAYWRIGHT_VERSION' or m.version('axe-playwright-python') != '$AXE_PLAYWRIGHT_VERSION')
" >/dev/null 2>&1; then
        return
    fi
    new_venv "$BROWSER_VENV"
    log "pip install playwright==$PLAYWRIGHT_VERSION axe-playwright-python==$AXE_PLAYWRIGHT_VERSION (into $BROWSER_VENV)"
    "$BROWSER_VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        "playwright==$PLAYWRIGHT_VERSION" "axe-playwright-python==$AXE_PLAYWRIGHT_VERSION" \
        || die "cannot install Playwright and axe-playwright-python"
}

# free_port: a TCP port nothing listens on now, on loopback.
free_port() {
    python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}

# start_dashboard_service: serves a debug build of `avara` on a free loopback port over a new SQLite file, its .eml
# outbox in the same new folder; sets DASHBOARD_AVARA (the binary), DASHBOARD_DIR, DASHBOARD_URL, DASHBOARD_PID.
start_dashboard_service() {
    local port waited=0
    DASHBOARD_DIR="$(mktemp -d "${TMPDIR:-/tmp}/avara-dashboard.XXXXXX")"
    CLEANUP_ACTIONS+=("rm -rf '$DASHBOARD_DIR'")
    DASHBOARD_AVARA="$(swift build --show-bin-path)/avara"
    [ -x "$DASHBOARD_AVARA" ] || die "no debug build of avara at $DASHBOARD_AVARA"
    port="$(free_port)"
    DASHBOARD_URL="http://127.0.0.1:$port"
    # The public URL is known before the service starts: the CLI's emails (`clinics create --owner-*`, run while
    # the service runs) link to it.
    "$DASHBOARD_AVARA" serve --host 127.0.0.1 --port "$port" --public-url "$DASHBOARD_URL" \
        --database "$DASHBOARD_DIR/avara.sqlite" --outbox "$DASHBOARD_DIR/outbox" \
        >"$DASHBOARD_DIR/stdout.txt" 2>"$DASHBOARD_DIR/stderr.txt" &
    DASHBOARD_PID=$!
    CLEANUP_ACTIONS+=("kill $DASHBOARD_PID 2>/dev/null; wait $DASHBOARD_PID 2>/dev/null")
    until grep -q '^avara listening on' "$DASHBOARD_DIR/stdout.txt" 2>/dev/null; do
        kill -0 "$DASHBOARD_PID" 2>/dev/null || { cat "$DASHBOARD_DIR/stderr.txt" >&2; die "avara serve stopped before listening"; }
        [ "$waited" -lt 300 ] || die "avara serve did not listen within 30 s"
        sleep 0.1
        waited=$((waited + 1))
    done
}

# run_dashboard_script SCRIPT [ARGS...]: runs a Python script of scripts/dashboard/ in the browser venv against the
# service start_dashboard_service started (AVARA, BASE_URL, DATABASE and OUTBOX in its environment); its exit status.
run_dashboard_script() {
    local script="$1"
    shift
    AVARA="$DASHBOARD_AVARA" BASE_URL="$DASHBOARD_URL" DATABASE="$DASHBOARD_DIR/avara.sqlite" \
        OUTBOX="$DASHBOARD_DIR/outbox" "$BROWSER_VENV/bin/python" "$ROOT/scripts/dashboard/$script" "$@"
}

run_dashboard_check() {
    local rc=0
    start_dashboard_service
    log "dashboard in Chromium (Playwright $PLAYWRIGHT_VERSION, axe-core) against $DASHBOARD_URL"
    run_dashboard_script test_dashboard.py || rc=$?
    if ! kill -0 "$DASHBOARD_PID" 2>/dev/null; then
        tail -n 50 "$DASHBOARD_DIR/stderr.txt" >&2
        die "avara serve stopped during the dashboard tests (see above)"
    fi
    if [ "$rc" -ne 0 ]; then
        tail -n 30 "$DASHBOARD_DIR/stderr.txt" >&2
        die "the dashboard's browser tests failed (exit $rc)"
    fi
}
