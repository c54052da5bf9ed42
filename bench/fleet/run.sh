#!/usr/bin/env bash
# Fleet benchmark: one full pass over N feeds by one `mentionwatch run`
# daemon, then by DAEMONS daemons sharing one store, with the share of the
# sources each daemon took.
#
#   bench/fleet/run.sh                 # 2,000 feeds x 50 items, 3 daemons, SQLite
#   FEEDS=500 ITEMS=20 bench/fleet/run.sh
#   PG_URL=postgres://… bench/fleet/run.sh   # PostgreSQL store (storage.url)
#   PG=1 bench/fleet/run.sh            # a throwaway PostgreSQL of its own
#
# Environment: FEEDS, ITEMS, CONC (http.workers and http.per_host of each
# daemon), DAEMONS (default 3), PORT, REPEAT (passes of each measurement),
# MW_BIN (a mentionwatch binary to measure instead of building this tree,
# e.g. an older build for a before/after comparison: it must accept the
# generated config), ONLY_ONE=1 to time the one-daemon pass only, PG_URL,
# PG=1, PG_OPTS, KEEP=1 to keep the work directory. Besides the pass time it
# prints the CPU time (user+sys) of the daemons, steadier than wall time on
# a shared machine, and with PG=1 that of the PostgreSQL server too (its
# backends do the work SQLite does inside the daemons).
#
# PG=1 starts a throwaway PostgreSQL cluster (initdb + pg_ctl from
# Debian's /usr/lib/postgresql/*/bin, installing the postgresql package
# from apt when missing; through runuser as the postgres user when run as
# root) in a temporary directory on a free loopback port, and stops it on
# exit. Its server options are PG_OPTS (default
# "-c synchronous_commit=off", the durability SQLite's WAL with
# synchronous=NORMAL has: a crash may lose the last commits, never
# consistency); add "-c default_transaction_isolation=serializable" to
# measure at the isolation of distributed SQL engines.
#
# Like bench/crawl/run.sh it installs nginx-light from apt when missing,
# generates the feeds and a rules.yaml with bench/crawl/gen (every source
# "@every 1h", so a daemon start is one pass), and serves them with nginx
# on loopback. A pass starts from an empty store; its time is from the
# daemons' start to the last source's fetch, read from the store by
# bench/fleet/passwatch, which also counts the sources each daemon holds
# the lease of (the share).
set -euo pipefail

FEEDS=${FEEDS:-2000}
ITEMS=${ITEMS:-50}
CONC=${CONC:-16}
DAEMONS=${DAEMONS:-3}
PORT=${PORT:-18081}
REPEAT=${REPEAT:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/lib.sh" # need_pkg, serve_feeds, bench_workdir
bench_workdir fleet
PIDS=()
PGDIR=""
PGBIN=""

# bench_cleanup runs on exit, before the feeds stop and $WORK goes.
bench_cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	if [[ -n "$PGDIR" ]]; then
		pg_run pg_ctl -D "$PGDIR/data" -m immediate -w stop >/dev/null 2>&1 || true
		rm -rf "$PGDIR"
	fi
}


# pg_run PROGRAM ARGS...: one of PostgreSQL's programs, as the postgres
# user when we are root (the server refuses to run as root).
pg_run() {
	local prog=$1; shift
	if [[ $(id -u) == 0 ]]; then
		(cd "$PGDIR" && runuser -u postgres -- "$PGBIN/$prog" "$@")
	else
		"$PGBIN/$prog" "$@"
	fi
}

# PG=1: a throwaway cluster, unless PG_URL names a database already.
if [[ "${PG:-0}" == 1 && -z "${PG_URL:-}" ]]; then
	find_pgbin() {
		if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
		ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n | tail -1
	}
	PGBIN=$(find_pgbin)
	if [[ -z "$PGBIN" || ! -x "$PGBIN/initdb" ]]; then
		echo "installing postgresql from apt" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >/dev/null ||
			{ apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >/dev/null; }
		PGBIN=$(find_pgbin)
	fi
	PGDIR=$(mktemp -d /tmp/mentionwatch-fleet-pg.XXXXXX)
	[[ $(id -u) == 0 ]] && chown postgres: "$PGDIR"
	pg_run initdb -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
	for _ in $(seq 20); do
		PGPORT=$((20000 + RANDOM % 20000))
		(exec 3<>"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null && continue # taken
		if pg_run pg_ctl -D "$PGDIR/data" -l "$PGDIR/log" -w -t 60 \
			-o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=200 ${PG_OPTS:--c synchronous_commit=off}" start >/dev/null; then
			PG_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres?sslmode=disable"
			break
		fi
	done
	[[ -n "${PG_URL:-}" ]] || { echo "PostgreSQL did not start:" >&2; tail -5 "$PGDIR/log" >&2; exit 1; }
	echo "PostgreSQL $("$PGBIN/postgres" -V | awk '{ print $3 }') on 127.0.0.1:$PGPORT ($PGDIR)" >&2
fi
PSQL=$(command -v psql || echo "$PGBIN/psql")

echo "building" >&2
mkdir -p "$WORK/bin"
(cd "$ROOT" && go build -o "$WORK/bin/gen" ./bench/crawl/gen && go build -o "$WORK/bin/passwatch" ./bench/fleet/passwatch)
MW=${MW_BIN:-$WORK/bin/mentionwatch}
[[ -n "${MW_BIN:-}" ]] || (cd "$ROOT" && go build -o "$WORK/bin/mentionwatch" ./cmd/mentionwatch)

"$WORK/bin/gen" -dir "$WORK" -feeds "$FEEDS" -items "$ITEMS" -workers "$CONC" -base "http://127.0.0.1:$PORT"
# The store, in one place: an SQLite file, or PostgreSQL with PG_URL.
if [[ -n "${PG_URL:-}" ]]; then
	STORAGE="storage:\n  url: \"$PG_URL\""
else
	STORAGE="storage:\n  path: $WORK/fleet.db"
fi
awk -v storage="$STORAGE" '
	/^storage:/ { gsub(/\\n/, "\n", storage); print storage; skip = 1; next }
	skip && /^  / { next }
	{ skip = 0; print }
	END { print "server:\n  listen: \"127.0.0.1:0\"" }
' "$WORK/bench.yaml" >"$WORK/fleet.yaml"

serve_feeds

reset_store() {
	if [[ -n "${PG_URL:-}" ]]; then
		"$PSQL" "$PG_URL" -qc 'SET client_min_messages TO warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public;' >/dev/null
	else
		rm -f "$WORK"/fleet.db "$WORK"/fleet.db-*
	fi
}

# pg_ticks: the CPU ticks of the throwaway PostgreSQL so far: the
# postmaster's own and its reaped children's, and those of its live
# children (backends, writers).
pg_ticks() {
	[[ -n "$PGDIR" ]] || { echo 0; return; }
	local pm
	pm=$(head -1 "$PGDIR/data/postmaster.pid")
	{
		awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pm/stat"
		for c in $(cat "/proc/$pm/task/$pm/children" 2>/dev/null); do
			awk '{ print $14 + $15 }' "/proc/$c/stat" 2>/dev/null || true
		done
	} | awk '{ s += $1 } END { print s + 0 }'
}

# pass N: one pass from an empty store by N daemons; prints the pass time
# and each daemon's share.
pass() {
	local n=$1 since i out pg0
	reset_store
	pg0=$(pg_ticks)
	since=$(date +%s%3N)
	PIDS=()
	for i in $(seq "$n"); do
		"$MW" run -c "$WORK/fleet.yaml" >"$WORK/daemon$i.log" 2>&1 &
		PIDS+=($!)
	done
	if [[ -n "${PG_URL:-}" ]]; then
		out=$("$WORK/bin/passwatch" -url "$PG_URL" -n "$FEEDS" -since "$since")
	else
		out=$("$WORK/bin/passwatch" -db "$WORK/fleet.db" -n "$FEEDS" -since "$since")
	fi
	# CPU time of the daemons from their start to the end of the pass.
	local ticks=0 hz
	hz=$(getconf CLK_TCK)
	for p in "${PIDS[@]}"; do
		ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)))
	done
	local pgt=$(($(pg_ticks) - pg0))
	for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
	PIDS=()
	echo "$out"
	awk -v t="$ticks" -v hz="$hz" 'BEGIN { printf "cpu %.2fs\n", t / hz }'
	[[ -z "$PGDIR" ]] || awk -v t="$pgt" -v hz="$hz" 'BEGIN { printf "+ postgres %.2fs\n", t / hz }'
}

echo
echo "fleet benchmark: $FEEDS feeds x $ITEMS items, http.workers $CONC per daemon, store $([[ -n "${PG_URL:-}" ]] && echo PostgreSQL || echo SQLite), nginx on 127.0.0.1:$PORT"
for run in $(seq "$REPEAT"); do
	echo "1 daemon:    $(pass 1 | tr '\n' ' ')"
	[[ "${ONLY_ONE:-0}" == 1 ]] || echo "$DAEMONS daemons:   $(pass "$DAEMONS" | tr '\n' ' ')"
done
