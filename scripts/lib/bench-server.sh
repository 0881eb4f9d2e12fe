# scripts/lib/bench-server.sh: what scripts/bench and scripts/profile share: installing a tool, starting a release
# `avara serve` and waiting for its outbox. Sourced, not run; the caller defines log and die, and sets AVARA (the
# binary), TMP (its temp folder) and SERVER_PIDS (an array, for its clean-up).

# as_root, apt_install: Debian packages.
# shellcheck source=scripts/lib/apt.sh
. "$ROOT/scripts/lib/apt.sh"

# count_users [DATABASE]: rows of the `users` table (0 if the table does not exist yet); DATABASE defaults to $DB.
count_users() {
    case "${1:-$DB}" in
        postgres://*)
            local schema="${1##*schema=}"
            "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U avara -d avara -tA \
                -c "SELECT count(*) FROM $schema.users" 2>/dev/null || echo 0
            ;;
        *)
            python3 - "${1:-$DB}" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
try:
    print(db.execute("SELECT count(*) FROM users").fetchone()[0])
except sqlite3.OperationalError:  # no such table
    print(0)
PY
            ;;
    esac
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server NAME DATABASE [OPTION...]: `avara serve` on a free port; appends its pid to SERVER_PIDS and sets
# STARTED_PORT. The per-key and per-clinic rate limits are set far above what the machine can serve, so that they are
# paid for but are not what is measured.
start_server() {
    local name="$1" database="$2" port
    shift 2
    port="$(free_port)"
    local limits=()
    # (A build from before the rate limit, run with AVARA_BIN for a before/after comparison, has no such option.)
    # (Read whole before matching: `| grep -q` under pipefail fails whenever grep stops reading first, and then the
    # default limit of 1,000/s was silently what got measured.)
    local help
    help="$("$AVARA" serve --help 2>&1 || true)"
    [[ "$help" != *--rate-limit* ]] || limits=(--rate-limit 1000000 --rate-limit-burst 10000000)
    [[ "$help" != *--clinic-rate-limit* ]] || limits+=(--clinic-rate-limit 1000000)
    "$AVARA" serve --host 127.0.0.1 --port "$port" --database "$database" --outbox "$TMP/outbox-$name" \
        "${limits[@]}" "$@" >"$TMP/server-$name.log" 2>&1 &
    SERVER_PIDS+=($!)
    local pid=$!
    for _ in $(seq 1 600); do # up to 60 s
        curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && break
        kill -0 "$pid" 2>/dev/null || { tail -n 30 "$TMP/server-$name.log" >&2; die "server $name exited during start-up"; }
        sleep 0.1
    done
    curl -fsS -o /dev/null "http://127.0.0.1:$port/health" || die "server $name not healthy after 60 s"
    STARTED_PORT="$port"
}

# wait_for_outbox NAME DATABASE BEFORE: waits (up to 300 s) until the outbox of run NAME holds one .eml file per user
# added since BEFORE users; sets DRAINED (how long it took, or "not within 300 s") and EMAILS (the files).
wait_for_outbox() {
    local name="$1" database="$2" before="$3" start=$SECONDS users_now
    DRAINED="not within 300 s"
    EMAILS=0
    users_now="$(count_users "$database")"
    for _ in $(seq 1 3000); do
        EMAILS="$(find "$TMP" -path "$TMP/outbox-$name-[0-9]/*" -name '*.eml' | wc -l)"
        if [ "$EMAILS" -ge "$((users_now - before))" ]; then DRAINED="$((SECONDS - start)) s"; return; fi
        sleep 0.1
    done
}

# subscribe_webhook NAME PORT: an endpoint for user.invited on the local receiver (started on first use), made
# through the server on PORT with API_KEY; sets WEBHOOK_SUBSCRIBED (empty when the build has no webhooks).
subscribe_webhook() {
    local name="$1" port="$2" status
    WEBHOOK_SUBSCRIBED=""
    if [ -z "${RECEIVER_PORT:-}" ]; then
        python3 "$ROOT/scripts/lib/webhook-receiver.py" "$TMP/receiver-port" &
        CLEANUP_ACTIONS+=("kill $! 2>/dev/null")
        for _ in $(seq 1 100); do [ -s "$TMP/receiver-port" ] && break; sleep 0.1; done
        RECEIVER_PORT="$(cat "$TMP/receiver-port")"
    fi
    status="$(curl -sS -o "$TMP/endpoint-$name.json" -w '%{http_code}' -X POST "http://127.0.0.1:$port/v1/webhookEndpoints" \
        -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
        -d "{\"url\": \"http://127.0.0.1:$RECEIVER_PORT/hook\", \"eventTypes\": [\"user.invited\"]}")"
    if [ "$status" = 201 ]; then
        WEBHOOK_SUBSCRIBED=1
        curl -fsS -o /dev/null "http://127.0.0.1:$RECEIVER_PORT/stats?reset=1"
        log "[$name] webhook endpoint subscribed to user.invited on 127.0.0.1:$RECEIVER_PORT"
    else
        log "[$name] this build has no webhook endpoints ($status): run without"
    fi
}

# wait_for_webhooks NAME DATABASE BEFORE: waits (up to 300 s) until the receiver got one delivery per user invited
# in run NAME; sets WEBHOOKS to what it saw (deliveries, events/s while they arrived, time after the invites) and
# WEBHOOKS_MISSING to the deliveries that did not arrive.
wait_for_webhooks() {
    local name="$1" database="$2" before="$3" users stats count start=$SECONDS
    users=$(($(count_users "$database") - before))
    for _ in $(seq 1 3000); do
        stats="$(curl -fsS "http://127.0.0.1:$RECEIVER_PORT/stats")"
        count="$(python3 -c 'import json, sys; print(json.load(sys.stdin)["count"])' <<<"$stats")"
        [ "$count" -lt "$users" ] || break
        sleep 0.1
    done
    WEBHOOKS_MISSING=$((users > count ? users - count : 0))
    WEBHOOKS="$(python3 -c '
import json, sys
stats, users, waited = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
span = (stats["last"] or 0) - (stats["first"] or 0)
count = stats["count"]
rate = count / span if span > 0 else 0
print(f"{count} deliveries for {users} invites, {rate:.0f} events/s while they arrived, all in {waited} s after the invites")
' "$stats" "$users" "$((SECONDS - start))")"
}
