# scripts/lib/postgres.sh: a throwaway PostgreSQL server for scripts/test and scripts/bench (sourced, not run).
#
# The caller defines log, die, as_root, apt_install and a CLEANUP_ACTIONS array that its EXIT trap runs in reverse.
#
#   ensure_postgres      # installs Debian's PostgreSQL server when no initdb exists; sets PG_BIN
#   start_postgres       # initdb + pg_ctl start on 127.0.0.1; sets PG_DIR and PG_PORT, creates database "avara"
#                        # owned by role "avara" (trust auth: postgres://avara@127.0.0.1:$PG_PORT/avara)
#
# PG_DURABLE=1 keeps PostgreSQL's durable defaults (fsync, synchronous commits: benchmarks); otherwise they are off,
# which is fine for a database that lives as long as one test run.

# ensure_postgres: Debian's PostgreSQL server binaries (any major version) and a `postgres` user to run them as
# (initdb refuses root). Sets PG_BIN.
ensure_postgres() {
    PG_BIN="$(find_pg_bin)"
    if [ -z "$PG_BIN" ]; then
        # `postgresql` is Debian's default major version; its maintainer scripts create the `postgres` user.
        # The cluster Debian creates and starts is stopped again: the tests use a throwaway one.
        apt_install postgresql
        as_root service postgresql stop >/dev/null 2>&1 || true
        PG_BIN="$(find_pg_bin)"
        [ -n "$PG_BIN" ] || die "PostgreSQL was installed but no initdb is in /usr/lib/postgresql/*/bin"
    fi
    if ! id -u postgres >/dev/null 2>&1; then
        log "creating the postgres user"
        as_root useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
}

# find_pg_bin: the bin folder of the newest installed PostgreSQL server, or nothing.
find_pg_bin() {
    local initdb
    initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$initdb" ] && dirname "$initdb"
    return 0
}

# pg_ctl_command start|stop: the shell command that starts or stops (fast: sessions are cut) the cluster of
# start_postgres, runnable by `bash -c` on its own (scripts/pg-restart-check.py stops and starts it).
pg_ctl_command() {
    local ctl="'$PG_BIN/pg_ctl' -D '$PG_DIR/data' -w -t 60"
    local run="runuser -u postgres --"
    [ "$(id -u)" -eq 0 ] || run="sudo -u postgres"
    [ "$(id -un)" = "postgres" ] && run=""
    case "$1" in
        start) echo "$run $ctl -l '$PG_DIR/server.log' -o '$PG_OPTIONS' start >/dev/null" ;;
        stop) echo "$run $ctl -m fast stop >/dev/null" ;;
    esac
}

# start_postgres: a throwaway PostgreSQL cluster: initdb into a temp folder (as the postgres user), listening on
# 127.0.0.1 only, on a free port (the same from run to run when free, so the exported URL and SwiftPM's manifest
# cache stay the same), stopped and removed on exit. Sets PG_DIR and PG_PORT.
start_postgres() {
    local options="-c listen_addresses=127.0.0.1 -c max_connections=1000 -c shared_buffers=256MB"
    if [ "${PG_DURABLE:-0}" != "1" ]; then
        options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/avara-pg.XXXXXX")"
    CLEANUP_ACTIONS+=("rm -rf '$PG_DIR'")
    chown postgres "$PG_DIR" 2>/dev/null || as_root chown postgres "$PG_DIR"
    as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U avara --auth=trust -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 \
        || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
    PG_PORT=25432
    while port_in_use "$PG_PORT"; do
        PG_PORT=$((PG_PORT + 1))
        [ "$PG_PORT" -lt 25532 ] || die "no free port for PostgreSQL in 25432-25531"
    done
    log "starting PostgreSQL ($("$PG_BIN/postgres" --version | awk '{print $3}')) on 127.0.0.1:$PG_PORT"
    PG_OPTIONS="$options -p $PG_PORT -k $PG_DIR"
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 -o "$PG_OPTIONS" \
        start >/dev/null || { cat "$PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
    CLEANUP_ACTIONS+=("as_postgres '$PG_BIN/pg_ctl' -D '$PG_DIR/data' -m immediate stop >/dev/null 2>&1")
    as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U avara avara || die "createdb failed"
}

# fresh_database sqlite|postgres DIR NAME: an empty database for a check: a new SQLite file in DIR, or the database
# NAME on the test cluster (dropped first if one is left). Sets FRESH_DATABASE (the file or the URL) and
# FRESH_DATABASE_LABEL (SQLite or PostgreSQL).
fresh_database() {
    local backend="$1" dir="$2" name="$3"
    case "$backend" in
        sqlite)
            FRESH_DATABASE="$dir/avara.sqlite"
            FRESH_DATABASE_LABEL="SQLite"
            ;;
        postgres)
            as_postgres env PGOPTIONS="-c client_min_messages=warning" \
                "$PG_BIN/dropdb" -h 127.0.0.1 -p "$PG_PORT" -U avara --if-exists --force "$name" \
                || die "dropdb $name failed"
            as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U avara "$name" || die "createdb $name failed"
            FRESH_DATABASE="postgres://avara@127.0.0.1:$PG_PORT/$name?sslmode=disable"
            FRESH_DATABASE_LABEL="PostgreSQL"
            ;;
        *) die "unknown backend '$backend' (sqlite or postgres)" ;;
    esac
}

# as_postgres CMD...: run a command as the postgres user.
as_postgres() {
    if [ "$(id -un)" = "postgres" ]; then
        "$@"
    else
        as_root runuser -u postgres -- "$@"
    fi
}

# port_in_use PORT: whether something listens on 127.0.0.1:PORT.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

