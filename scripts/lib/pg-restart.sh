# scripts/lib/pg-restart.sh: PostgreSQL restarted under concurrent invites (sourced by scripts/test, not run).
#
#   run_pg_restart_check   # needs start_postgres's cluster (PG_BIN, PG_DIR, PG_PORT, PG_OPTIONS) and a debug build
#
# Serves a debug build of avara (serve_debug_build, scripts/lib/fuzz.sh) on a fresh database of the test cluster, then runs scripts/pg-restart-check.py:
# eight clients invite while PostgreSQL is stopped for 8 s and started again. It fails unless invites get quick 503s
# while it is down, readiness (GET /health) fails meanwhile, invites are served again within 5 s of PostgreSQL being
# back, no acknowledged invite is lost, and SIGTERM then stops the process.

run_pg_restart_check() {
    local dir
    dir="$(mktemp -d "${TMPDIR:-/tmp}/avara-restart.XXXXXX")"
    CLEANUP_ACTIONS+=("rm -rf '$dir'")
    as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U avara avara_restart 2>/dev/null || true
    serve_debug_build "$dir" --database "postgres://avara@127.0.0.1:$PG_PORT/avara_restart?sslmode=disable" \
        --rate-limit 0

    log "PostgreSQL restarted under 8 clients inviting ($SERVED_URL)"
    if ! python3 "$ROOT/scripts/pg-restart-check.py" "$SERVED_URL" "$SERVED_KEY" "$SERVED_PID" \
        --stop "$(pg_ctl_command stop)" --start "$(pg_ctl_command start)"; then
        tail -n 40 "$dir/stderr.txt" >&2
        die "the service did not come through a PostgreSQL restart (see above)"
    fi
    wait "$SERVED_PID" 2>/dev/null || true
}
