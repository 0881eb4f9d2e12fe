# scripts/lib/bench-users-page.sh: the dashboard's users page under load, for scripts/bench (sourced, not run).
# Uses what scripts/bench defines (AVARA, TMP, RESULTS, DURATION, PG_BASE, start_server, load helpers, failed_check).
#
#   run_users_page sqlite|postgres
#
# A clinic made with its owner (`avara clinics create --owner-*`), BENCH_USERS_PAGE_USERS Viewer users (default
# 10000) invited through the API (scripts/lib/bench-seed-users.py), their mail delivered;
# the owner accepts the emailed invitation and signs in (scripts/lib/dashboard-sign-in.py); then wrk, 16 connections,
# GETs /health/live (the server's ceiling in the same minutes, as the invite scenarios do), then with the session cookie,
# each for DURATION:
#   /dashboard/viewer/users                   the first page (25 users), newest first
#   /dashboard/viewer/users?q=seed-77         a search (a prefix of names and emails: 111 users match)
#   /dashboard/viewer/users?status=accepted   a filter few users match (the owner): the scan of a sparse filter
# Before them, the database's housekeeping after the bulk insert is done at once (VACUUM ANALYZE on PostgreSQL, which
# autovacuum would otherwise start in the middle of a run; ANALYZE on SQLite), and the first page is loaded for
# WARMUP, as the invite scenarios are.
# The check: the first page's p99 under USERS_PAGE_P99_MS (50 ms).

USERS_PAGE_P99_MS=50

run_users_page() {
    local backend="$1" database target="${BENCH_USERS_PAGE_USERS:-10000}"
    local name="users-page-$backend${RUN:+-$RUN}"
    case "$backend" in
        sqlite) database="$TMP/$name.sqlite" ;;
        postgres) database="$PG_BASE&schema=users_page${RUN:+_$RUN}" ;;
    esac
    local owner="owner@bench-clinic.test" password="bench owner password"
    log "[$name] creating the bench clinic and its owner"
    "$AVARA" clinics create --name "Bench Clinic" --database "$database" --owner-email "$owner" \
        --owner-first-name Olive --owner-last-name Owner --json >"$TMP/clinic-$name.json"
    API_KEY="$(python3 -c 'import json, sys; print(json.load(sys.stdin)["apiKey"])' <"$TMP/clinic-$name.json")"
    start_server "$name-1" "$database"
    local port="$STARTED_PORT" users
    log "[$name] inviting $target Viewer users through the API"
    python3 "$ROOT/scripts/lib/bench-seed-users.py" "http://127.0.0.1:$port" "$API_KEY" "$target" \
        || die "[$name] seeding the users failed"
    # The owner is a user of both products: the Viewer's users are the rows but one.
    users=$(($(count_users "$database") - 1))
    log "[$name] $users Viewer users; waiting for their mail"
    wait_for_outbox "$name" "$database" 1
    local cookie
    cookie="$(python3 "$ROOT/scripts/lib/dashboard-sign-in.py" "http://127.0.0.1:$port" "$TMP/outbox-$name-1" \
        "$owner" "$password")" || die "[$name] the owner could not sign in"
    settle "$name" "$database"
    log "[$name] warm-up: GET /dashboard/viewer/users for $WARMUP"
    wrk -t2 -c16 "-d$WARMUP" -H "Cookie: avara_session=$cookie" "http://127.0.0.1:$port/dashboard/viewer/users" >/dev/null
    local out="$RESULTS/$name" page label
    log "[$name] GET /health/live (16 connections, $DURATION): the server's own ceiling in these minutes"
    wrk -t2 -c16 "-d$DURATION" --latency "http://127.0.0.1:$port/health/live" >"$out-live-1.txt"
    printf '%-16s %-26s %12s %10s %10s\n' "$name" "GET /health/live" $(summarize "$out-live") >>"$RESULTS/rows.txt"
    for page in "first page:/dashboard/viewer/users" "search:/dashboard/viewer/users?q=seed-77" \
        "sparse filter:/dashboard/viewer/users?status=accepted"; do
        label="${page%%:*}"
        log "[$name] GET ${page#*:} (16 connections, $DURATION)"
        wrk -t2 -c16 "-d$DURATION" --latency -H "Cookie: avara_session=$cookie" \
            "http://127.0.0.1:$port${page#*:}" >"$out-${label// /-}-1.txt"
        grep -q "Non-2xx" "$out-${label// /-}-1.txt" && failed_check "[$name] GET ${page#*:} answered non-2xx"
        printf '%-16s %-26s %12s %10s %10s\n' "$name" "GET users, $label" $(summarize "$out-${label// /-}") \
            >>"$RESULTS/rows.txt"
    done
    kill -TERM "${SERVER_PIDS[@]}"
    wait "${SERVER_PIDS[@]}" || true
    SERVER_PIDS=()
    local p99 verdict ratio
    p99="$(to_ms "$(field "$out-first-page-1.txt" '^ +99%')")"
    verdict="$(awk -v p="$p99" -v max="$USERS_PAGE_P99_MS" 'BEGIN { print (p < max ? "PASS" : "FAIL") }')"
    ratio="$(awk -v a="$(field "$out-first-page-1.txt" '^Requests/sec:')" -v b="$(field "$out-live-1.txt" '^Requests/sec:')" \
        'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')"
    echo "$name: $users Viewer users; the users page's p99 at 16 connections ${p99} ms (under $USERS_PAGE_P99_MS ms:" \
        "$verdict); first pages/s against GET /health/live of this run: $ratio" >>"$RESULTS/checks.txt"
    [ "$verdict" = PASS ] || failed_check "[$name] the users page's p99 is ${p99} ms, not under $USERS_PAGE_P99_MS ms"
}

# settle NAME DATABASE: the housekeeping a database does after a bulk insert, done now rather than during a run.
settle() {
    local name="$1" database="$2"
    log "[$name] VACUUM ANALYZE after the seeding"
    case "$database" in
        postgres://*)
            # Every table of the database: the scenario's schema and any an earlier scenario left.
            "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U avara -d avara -q -c "VACUUM ANALYZE" ;;
        *)
            python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("ANALYZE")' "$database" ;;
    esac
}
