# scripts/lib/fuzz.sh: property-based fuzzing of the HTTP API with schemathesis (sourced by scripts/test, not run).
#
# The caller defines log, die, apt_install and a CLEANUP_ACTIONS array that its EXIT trap runs in reverse; for
# PostgreSQL, also start_postgres's cluster (scripts/lib/postgres.sh: PG_BIN, PG_PORT and as_postgres).
#
#   ensure_schemathesis        # schemathesis (PyPI, pinned) in a venv under .build/test-tools; sets FUZZ_VENV
#   run_api_fuzz sqlite|postgres
#                              # serves a debug build of `avara` on loopback over a fresh database (a new SQLite
#                              # file, or the database avara_fuzz created anew on the test cluster) and runs
#                              # schemathesis against its /openapi.yaml: every operation, a fixed seed, at least
#                              # FUZZ_MIN_CASES cases; fails on a 5xx, an answer its schema or status list does not
#                              # allow, fewer cases than that, or a server that stopped
#
# FUZZ_SEED replays a run (the default is fixed); FUZZ_MAX_EXAMPLES is per operation and phase.

SCHEMATHESIS_VERSION="4.32.5"
FUZZ_SEED="${FUZZ_SEED:-20261203}"
FUZZ_MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-80}"
FUZZ_MIN_CASES="${FUZZ_MIN_CASES:-1000}"

ensure_schemathesis() {
    FUZZ_VENV="$ROOT/.build/test-tools/fuzz-venv"
    if "$FUZZ_VENV/bin/schemathesis" --version 2>/dev/null | grep -q "version $SCHEMATHESIS_VERSION\$"; then
        return
    fi
    new_venv "$FUZZ_VENV"
    log "pip install schemathesis==$SCHEMATHESIS_VERSION (into $FUZZ_VENV)"
    "$FUZZ_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" \
        || die "cannot install schemathesis"
}

run_api_fuzz() {
    local backend="${1:-}" dir database pid url key report cases name
    dir="$(mktemp -d "${TMPDIR:-/tmp}/avara-fuzz.XXXXXX")"
    CLEANUP_ACTIONS+=("rm -rf '$dir'")
    fresh_database "$backend" "$dir" avara_fuzz
    database="$FRESH_DATABASE"
    name="$FRESH_DATABASE_LABEL"
    # The key that seals webhook secrets (made beside a SQLite file, never for PostgreSQL), so that the webhook
    # endpoints' operations are fuzzed past their 503.
    head -c 32 /dev/urandom | base64 >"$dir/secret-key"
    # A debug build, so that assertions and preconditions are live.
    serve_debug_build "$dir" --database "$database" --secret-key-file "$dir/secret-key"
    pid="$SERVED_PID" url="$SERVED_URL" key="$SERVED_KEY"

    # The served document, saved: schemathesis leaves out the operation that serves a document it loaded by URL,
    # and GET /openapi.yaml is one of the API's operations too.
    "$FUZZ_VENV/bin/python" -c "import sys, urllib.request; open(sys.argv[2], 'wb').write(urllib.request.urlopen(sys.argv[1], timeout=5).read())" \
        "$url/openapi.yaml" "$dir/openapi.yaml" || die "avara serve did not serve /openapi.yaml"

    report="$dir/schemathesis.txt"
    log "schemathesis $SCHEMATHESIS_VERSION against the $url/openapi.yaml it serves, on $name (seed $FUZZ_SEED, $FUZZ_MAX_EXAMPLES examples)"
    local rc=0
    # The hooks keep the run from revoking its own key (scripts/fuzz/avara_fuzz_hooks.py); the key's id is what follows
    # avk_ up to the next underscore.
    local key_id="${key#avk_}"
    key_id="${key_id%%_*}"
    (cd "$dir" && AVARA_FUZZ_KEY_ID="$key_id" PYTHONPATH="$ROOT/scripts/fuzz" SCHEMATHESIS_HOOKS=avara_fuzz_hooks \
        "$FUZZ_VENV/bin/schemathesis" run "$dir/openapi.yaml" --url "$url" \
        -H "Authorization: Bearer $key" \
        --checks not_a_server_error,response_schema_conformance,status_code_conformance \
        --max-examples "$FUZZ_MAX_EXAMPLES" --seed "$FUZZ_SEED" \
        --request-timeout 10 --no-color --output-truncate false) >"$report" 2>&1 || rc=$?
    # The summary: operations, phases, failures and the number of cases.
    sed -n '/^=* SUMMARY =*$/,$p' "$report" >&2

    if ! kill -0 "$pid" 2>/dev/null; then
        tail -n 50 "$dir/stderr.txt" >&2
        die "avara serve stopped during the fuzzing on $name (see above)"
    fi
    "$FUZZ_VENV/bin/python" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)" \
        "$url/health" || die "avara serve no longer answers GET /health after the fuzzing on $name"
    if [ "$rc" -ne 0 ]; then
        cat "$report" >&2
        die "schemathesis found failures on $name (exit $rc); replay with FUZZ_SEED=$FUZZ_SEED"
    fi
    local operations
    operations="$(sed -n 's/^ *Selected: \([0-9]*\)\/\([0-9]*\)$/\1 \2/p' "$report" | tail -n 1)"
    [ -n "$operations" ] && [ "${operations% *}" = "${operations#* }" ] \
        || die "schemathesis did not test every operation of the document (selected: ${operations:-unknown})"
    cases="$(sed -n 's/^ *\([0-9][0-9]*\) generated.*$/\1/p' "$report" | tail -n 1)"
    [ -n "$cases" ] || die "could not read the number of generated cases from schemathesis' summary"
    [ "$cases" -ge "$FUZZ_MIN_CASES" ] || die "schemathesis generated $cases cases, fewer than $FUZZ_MIN_CASES"
    log "API fuzzing on $name: $cases cases, no failure, the server still serving"
}

# serve_debug_build DIR OPTION...: `avara serve` of the debug build on a free loopback port, its mail and output in
# DIR, with OPTIONs (the database, say); waits until it listens and sets SERVED_PID, SERVED_URL and SERVED_KEY (the
# key of the clinic it created). Stopped on exit.
serve_debug_build() {
    local dir="$1" avara waited=0
    shift
    avara="$(swift build --show-bin-path)/avara"
    [ -x "$avara" ] || die "no debug build of avara at $avara"
    "$avara" serve --host 127.0.0.1 --port 0 --outbox "$dir/outbox" "$@" >"$dir/stdout.txt" 2>"$dir/stderr.txt" &
    SERVED_PID=$!
    CLEANUP_ACTIONS+=("kill $SERVED_PID 2>/dev/null; wait $SERVED_PID 2>/dev/null")
    until grep -q '^    avk_' "$dir/stdout.txt" 2>/dev/null; do
        kill -0 "$SERVED_PID" 2>/dev/null || { cat "$dir/stderr.txt" >&2; die "avara serve stopped before listening"; }
        [ "$waited" -lt 300 ] || die "avara serve did not listen within 30 s"
        sleep 0.1
        waited=$((waited + 1))
    done
    SERVED_URL="$(sed -n 's/^avara listening on \(http:[^ ]*\)$/\1/p' "$dir/stdout.txt" | head -n 1)"
    SERVED_KEY="$(sed -n 's/^    \(avk_[A-Za-z0-9_-]*\)$/\1/p' "$dir/stdout.txt" | head -n 1)"
    [ -n "$SERVED_URL" ] && [ -n "$SERVED_KEY" ] || die "could not read the address and key avara serve printed"
}
