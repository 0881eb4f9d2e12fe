# scripts/lib/webhooks.sh: webhooks delivered by running replicas, verified by the Standard Webhooks reference
# library (sourced by scripts/test, not run).
#
#   ensure_standardwebhooks         # standardwebhooks (PyPI, pinned) in the fuzzing venv (ensure_schemathesis first)
#   run_webhook_check sqlite|postgres
#                                   # scripts/webhook-check.py over a debug build: one replica on a new SQLite
#                                   # file; on PostgreSQL a replica killed mid-delivery, then two sharing the work

STANDARDWEBHOOKS_VERSION="1.3.0"

ensure_standardwebhooks() {
    if "$FUZZ_VENV/bin/python" -c "import standardwebhooks" 2>/dev/null; then
        return
    fi
    log "pip install standardwebhooks==$STANDARDWEBHOOKS_VERSION (into $FUZZ_VENV)"
    "$FUZZ_VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        "standardwebhooks==$STANDARDWEBHOOKS_VERSION" || die "cannot install standardwebhooks"
}

run_webhook_check() {
    local backend="${1:-}" dir database replicas
    dir="$(mktemp -d "${TMPDIR:-/tmp}/avara-webhooks.XXXXXX")"
    CLEANUP_ACTIONS+=("rm -rf '$dir'")
    fresh_database "$backend" "$dir" avara_webhooks
    database="$FRESH_DATABASE"
    # One replica on SQLite (one writer); on PostgreSQL, two sharing the work.
    replicas=1
    [ "$backend" = sqlite ] || replicas=2
    log "webhooks delivered and verified with standardwebhooks ($backend, $replicas replica(s))"
    if ! "$FUZZ_VENV/bin/python" "$ROOT/scripts/webhook-check.py" "$(swift build --show-bin-path)/avara" "$database" \
        --workdir "$dir" --replicas "$replicas"; then
        tail -n 30 "$dir"/replica-*/stderr.txt >&2 || true
        die "the webhook check failed on $backend (see above)"
    fi
}
