# scripts/lib/pg-restart.sh: PostgreSQL restarted under concurrent invites (sourced by scripts/test, not run).
#
#   run_pg_restart_check   # needs start_postgres's cluster (PG_BIN, PG_DIR, PG_PORT, PG_OPTIONS) and a debug build
#
# Serves a debug build of avara on a fresh database of the test cluster, then runs scripts/pg-restart-check.py:
# eight clients invite while PostgreSQL is stopped for 8 s and started again. It fails unless invites get quick 503s
# while it is down, readiness (GET /health) fails meanwhile, invites are served again within 5 s of PostgreSQL being
# back, no acknowledged invite is lost, and SIGTERM then stops the process.

run_pg_restart_check() {
    local dir avara pid waited url key
    dir="$(mktemp -d "${TMPDIR:-/tmp}/avara-restart.XXXXXX")"
    CLEANUP_ACTIONS+=("rm -rf '$dir'")
    avara="$(swift build --show-bin-path)/avara"
    [ -x "$avara" ] || die "no debug build of avara at $avara"
    as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U avara avara_restart 2>/dev/null || true

    AVARA_DATABASE_URL="postgres://avara@127.0.0.1:$PG_PORT/avara_restart?sslmode=disable" \
        "$avara" serve --host 127.0.0.1 --port 0 --outbox "$dir/outbox" --rate-limit 0 \
        >"$dir/stdout.txt" 2>"$dir/stderr.txt" &
    pid=$!
    CLEANUP_ACTIONS+=("kill $pid 2>/dev/null; wait $pid 2>/dev/null")
    waited=0
    until grep -q '^avara listening on ' "$dir/stdout.txt" 2>/dev/null && grep -q '^    avk_' "$dir/stdout.txt"; do
        kill -0 "$pid" 2>/dev/null || { cat "$dir/stderr.txt" >&2; die "avara serve stopped before listening"; }
        [ "$waited" -lt 300 ] || die "avara serve did not listen within 30 s"
        sleep 0.1
        waited=$((waited + 1))
    done
    url="$(sed -n 's/^avara listening on \(http:[^ ]*\)$/\1/p' "$dir/stdout.txt" | head -n 1)"
    key="$(sed -n 's/^    \(avk_[A-Za-z0-9_-]*\)$/\1/p' "$dir/stdout.txt" | head -n 1)"

    log "PostgreSQL restarted under 8 clients inviting ($url)"
    if ! python3 "$ROOT/scripts/pg-restart-check.py" "$url" "$key" "$pid" \
        --stop "$(pg_ctl_command stop)" --start "$(pg_ctl_command start)"; then
        tail -n 40 "$dir/stderr.txt" >&2
        die "the service did not come through a PostgreSQL restart (see above)"
    fi
    wait "$pid" 2>/dev/null || true
}
