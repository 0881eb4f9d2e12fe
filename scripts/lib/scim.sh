# scripts/lib/scim.sh: SCIM conformance with the third-party checker scim2-tester (sourced by scripts/test, not run).
#
# The caller defines log, die, apt_install and a CLEANUP_ACTIONS array that its EXIT trap runs in reverse, and
# sources scripts/lib/fuzz.sh (serve_debug_build); for PostgreSQL, also start_postgres's cluster
# (scripts/lib/postgres.sh: PG_BIN, PG_PORT and as_postgres).
#
#   ensure_scim_tester         # scim2-tester, scim2-client, scim2-models and httpx2 (PyPI, pinned) in a venv under
#                              # .build/test-tools; sets SCIM_VENV
#   run_scim_check sqlite|postgres
#                              # serves a debug build of `avara` over a fresh database and runs
#                              # scripts/scim/check_scim.py against both SCIM base URLs, /scim/v2/viewer and
#                              # /scim/v2/autoScribe, with the clinic's key; fails on any check that does not
#                              # succeed (skipped ones included) or a server that stopped

SCIM2_TESTER_VERSION="0.5.2"
SCIM2_CLIENT_VERSION="0.13.2"
SCIM2_MODELS_VERSION="0.12.3"
HTTPX2_VERSION="2.17.0"

ensure_scim_tester() {
    SCIM_VENV="$ROOT/.build/test-tools/scim-venv"
    local wanted="scim2-tester==$SCIM2_TESTER_VERSION scim2-client==$SCIM2_CLIENT_VERSION"
    wanted+=" scim2-models==$SCIM2_MODELS_VERSION httpx2==$HTTPX2_VERSION"
    if [ "$(cat "$SCIM_VENV/installed" 2>/dev/null)" = "$wanted" ]; then
        return
    fi
    new_venv "$SCIM_VENV"
    log "pip install $wanted (into $SCIM_VENV)"
    # shellcheck disable=SC2086 # the pinned requirements, one word each
    "$SCIM_VENV/bin/python" -m pip install --quiet --disable-pip-version-check $wanted \
        || die "cannot install scim2-tester"
    echo "$wanted" >"$SCIM_VENV/installed"
}

run_scim_check() {
    local backend="${1:-}" dir database name product
    dir="$(mktemp -d "${TMPDIR:-/tmp}/avara-scim.XXXXXX")"
    CLEANUP_ACTIONS+=("rm -rf '$dir'")
    fresh_database "$backend" "$dir" avara_scim
    database="$FRESH_DATABASE"
    name="$FRESH_DATABASE_LABEL"
    serve_debug_build "$dir" --database "$database"
    for product in viewer autoScribe; do
        log "scim2-tester $SCIM2_TESTER_VERSION against $SERVED_URL/scim/v2/$product on $name"
        "$SCIM_VENV/bin/python" "$ROOT/scripts/scim/check_scim.py" "$SERVED_URL/scim/v2/$product" "$SERVED_KEY" \
            >"$dir/scim-$product.txt" 2>&1 || {
            cat "$dir/scim-$product.txt" >&2
            die "scim2-tester found failures at /scim/v2/$product on $name (see above)"
        }
        tail -n 1 "$dir/scim-$product.txt" >&2
    done
    kill -0 "$SERVED_PID" 2>/dev/null || { tail -n 50 "$dir/stderr.txt" >&2; die "avara serve stopped on $name"; }
}
