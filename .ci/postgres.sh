# Sourced by .ci/run: a throwaway PostgreSQL cluster (Debian's package) on a free port, stopped when the shell exits.
# start_postgres exports TEST_DATABASE_URL, an admin connection: the store contract suite creates and drops its own databases.
# Not DATABASE_URL: the app test servers inherit the environment and would all share one database.

PG_BIN=/usr/lib/postgresql/15/bin

install_postgres() {
	[ -x "$PG_BIN/pg_ctl" ] && return
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
	# another Debian release may bring another major version
	[ -x "$PG_BIN/pg_ctl" ] || PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
}

# PostgreSQL refuses to run as root: CI runs as root, so the cluster runs as the postgres user.
as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_postgres() {
	[ -n "${PG_DIR:-}" ] || return 0
	as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null || true
	rm -rf "$PG_DIR"
	PG_DIR=
}

start_postgres() {
	install_postgres
	PG_DIR=$(mktemp -d)
	[ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
	trap stop_postgres EXIT
	local port
	port=$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")
	as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U app >/dev/null
	as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
	export TEST_DATABASE_URL="postgres://app@127.0.0.1:$port/postgres"
	echo "PostgreSQL ($PG_BIN) on port $port"
}
