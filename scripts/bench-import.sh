# scripts/bench-import.sh: the --import part of scripts/bench, sourced by it once the
# server is up (it uses its AVARA, BASE, API_KEY, TMP, RESULTS, STAMP, USERS_BEFORE,
# log, die and count_users). Not meant to be run alone.

ROWS="${BENCH_IMPORT_ROWS:-10000}"
ROSTER="$TMP/roster.csv"
log "writing a roster of $ROWS Viewer users"
python3 - "$ROSTER" "$ROWS" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
roles = ["Radiologist", "Cardiologist", "Neurologist", "Surgeon", "Physician"]
with open(path, "w", newline="") as roster:
    roster.write("email,firstName,lastName,clinicRole,level,canManageStudies,hasDashboardAccess,phoneNumber\r\n")
    for i in range(rows):
        level = "admin" if i % 50 == 0 else "member"
        roster.write(f"user{i}@bench.example,First{i},Last{i},{roles[i % len(roles)]},{level},"
                     f"{'true' if i % 2 else 'false'},true,{5550000000 + i}\r\n")
PY

CONCURRENCY_ARGS=()
[ -n "${BENCH_CONCURRENCY:-}" ] && CONCURRENCY_ARGS=(--concurrency "$BENCH_CONCURRENCY")

# import_once NAME: runs the import, timing it; its JSON summary goes to $RESULTS/NAME.json.
import_once() {
    local name="$1" start end status=0
    start="$(date +%s%N)"
    AVARA_API_KEY="$API_KEY" AVARA_BASE_URL="$BASE" "$AVARA" viewer users import "$ROSTER" \
        --report "$RESULTS/$name-report.csv" --json "${CONCURRENCY_ARGS[@]}" >"$RESULTS/$name.json" || status=$?
    end="$(date +%s%N)"
    [ "$status" -eq 0 ] || die "$name: avara exited with status $status ($(cat "$RESULTS/$name.json"))"
    WALL=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", (e - s) / 1e9 }')
    CREATED="$(python3 -c 'import json, sys; print(json.load(sys.stdin)["created"])' <"$RESULTS/$name.json")"
    [ "$CREATED" -eq "$ROWS" ] || die "$name: $CREATED of $ROWS rows created (see $RESULTS/$name-report.csv)"
}

log "avara viewer users import ($ROWS rows)"
import_once import
FIRST_WALL="$WALL"
log "the same import again (idempotent replays)"
import_once reimport
SECOND_WALL="$WALL"
cmp -s "$RESULTS/import-report.csv" "$RESULTS/reimport-report.csv" || die "the second import's report differs"

USERS_AFTER="$(count_users)"
ROWS_WRITTEN=$((USERS_AFTER - USERS_BEFORE))
[ "$ROWS_WRITTEN" -eq "$ROWS" ] || die "$ROWS_WRITTEN users rows for $ROWS roster rows"

rate() { awk -v n="$ROWS" -v t="$1" 'BEGIN { printf "%.0f", n / t }'; }
GIT_REV="$(git rev-parse --short HEAD 2>/dev/null || echo none)"
{
    echo "avara bench --import $STAMP (git $GIT_REV)"
    echo "machine: $(nproc) cores, $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "roster: $ROWS Viewer users; concurrency ${BENCH_CONCURRENCY:-8 (default)}; server and CLI share the cores"
    echo
    printf '%-34s %10s %10s\n' "run" "seconds" "rows/s"
    printf '%-34s %10s %10s\n' "import (every row created)" "$FIRST_WALL" "$(rate "$FIRST_WALL")"
    printf '%-34s %10s %10s\n' "import again (every row replayed)" "$SECOND_WALL" "$(rate "$SECOND_WALL")"
    echo
    echo "users rows written: $ROWS_WRITTEN for $ROWS roster rows; the two reports are identical"
} | tee "$RESULTS/summary.txt"
echo "results: $RESULTS"
