#!/usr/bin/env bash
# Memory benchmark: peak RSS and pass time of one daemon watching 10,000
# feeds for 1,000 brands, beside a baseline of 100 feeds and 10 brands.
#
#   bench/memory/run.sh                       # 10,000 feeds x 50 items, 1,000 brands
#   SOURCES=2000 BRANDS=200 STEADY=0 bench/memory/run.sh
#
# Environment: SOURCES, BRANDS, ITEMS (per feed), CONC (http.workers and
# http.per_host), PORT, STEADY (seconds of `mentionwatch run` with every
# source due each minute, killed with SIGTERM; 0 skips it), BASE_SOURCES
# and BASE_BRANDS (the baseline), GOGC/GOMEMLIMIT (passed through, to try
# settings), PROFILE=1 to write a heap profile at the end of each run
# (MENTIONWATCH_MEMPROFILE, kept in the work directory), KEEP=1 to keep the
# work directory.
#
# The feeds come from the crawl benchmark's generator (bench/crawl/gen),
# served by nginx on loopback (installed from Debian's apt when missing);
# bench/memory/gen writes the rules.yaml files: one source per feed and
# brands with realistic queries (Russian and English names, phrases, OR,
# NEAR, exclusions, title: and site:), the first three of them the brands
# the feeds mention. Each row is one process under /usr/bin/time -v:
#   run --once, full:  a fresh database, every feed new (the first pass);
#   run --once, 304:   the same database again (every feed unchanged);
#   run, steady:       the daemon on that database with every source due
#                      at once and then each minute, for STEADY seconds,
#                      then SIGTERM (needs the sqlite3 command).
set -euo pipefail

SOURCES=${SOURCES:-10000}
BRANDS=${BRANDS:-1000}
ITEMS=${ITEMS:-50}
BASE_SOURCES=${BASE_SOURCES:-100}
BASE_BRANDS=${BASE_BRANDS:-10}
CONC=${CONC:-16}
PORT=${PORT:-18090}
STEADY=${STEADY:-120}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/lib.sh" # need_pkg, serve_feeds, bench_workdir
bench_workdir memory

[[ -x /usr/bin/time ]] || need_pkg time time
[[ $STEADY == 0 ]] || need_pkg sqlite3 sqlite3

echo "building" >&2
mkdir -p "$WORK/bin"
(cd "$ROOT" && go build -o "$WORK/bin/feeds" ./bench/crawl/gen && go build -o "$WORK/bin/rules" ./bench/memory/gen &&
	go build -o "$WORK/bin/mentionwatch" ./cmd/mentionwatch)

"$WORK/bin/feeds" -dir "$WORK" -feeds "$SOURCES" -items "$ITEMS" -workers "$CONC" -base "http://127.0.0.1:$PORT"
rules() { # rules NAME SOURCES BRANDS [SCHEDULE]
	"$WORK/bin/rules" -urls "$WORK/urls.txt" -out "$WORK/$1.yaml" -db "$WORK/$1.db" -sources "$2" -brands "$3" \
		-workers "$CONC" -schedule "${4:-@every 1h}"
}
rules base "$BASE_SOURCES" "$BASE_BRANDS"
rules large "$SOURCES" "$BRANDS"
"$WORK/bin/rules" -urls "$WORK/urls.txt" -out "$WORK/steady.yaml" -db "$WORK/large.db" -sources "$SOURCES" -brands "$BRANDS" \
	-workers "$CONC" -schedule "@every 1m"

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
	echo "port $PORT is taken; set PORT to a free one" >&2
	exit 1
fi
serve_feeds

# measure NAME CMD...: runs CMD under /usr/bin/time -v in $WORK; keeps its
# wall seconds, CPU seconds and peak RSS (KiB) in $WORK/NAME.{wall,cpu,rss}.
measure() {
	local name=$1; shift
	local status=0
	(cd "$WORK" && MENTIONWATCH_MEMPROFILE=${PROFILE:+$WORK/$name.heap} \
		/usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err") || status=$?
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.3f\n", s }' "$WORK/$name.time" >"$WORK/$name.wall"
	awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.3f\n", s }' "$WORK/$name.time" >"$WORK/$name.cpu"
	awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/$name.time" >"$WORK/$name.rss"
	if [[ $status != 0 ]]; then
		echo "$name exited with status $status:" >&2
		tail -5 "$WORK/$name.err" >&2
	fi
	return 0
}

MW=$WORK/bin/mentionwatch
echo "baseline: $BASE_SOURCES sources, $BASE_BRANDS brands" >&2
measure base_full "$MW" run --once -c base.yaml
measure base_304 "$MW" run --once -c base.yaml
echo "large: $SOURCES sources, $BRANDS brands" >&2
measure large_full "$MW" run --once -c large.yaml
measure large_304 "$MW" run --once -c large.yaml
if [[ $STEADY -gt 0 ]]; then
	echo "steady state: run for ${STEADY}s, every source due each minute" >&2
	# run --once stored each source's next run an hour ahead: make every
	# source due now, so that the daemon crawls from its start.
	sqlite3 "$WORK/large.db" 'UPDATE source_state SET next_run_at = NULL'
	cd "$WORK"
	MENTIONWATCH_MEMPROFILE=${PROFILE:+$WORK/large_steady.heap} \
		/usr/bin/time -v -o "$WORK/large_steady.time" "$MW" run -c steady.yaml >"$WORK/large_steady.out" 2>"$WORK/large_steady.err" &
	TIMEPID=$!
	sleep "$STEADY"
	# SIGTERM to the daemon, the child of /usr/bin/time.
	pkill -TERM -P "$TIMEPID" || true
	wait "$TIMEPID" || echo "run exited with status $?: $(tail -3 "$WORK/large_steady.err")" >&2
	cd - >/dev/null
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.3f\n", s }' "$WORK/large_steady.time" >"$WORK/large_steady.wall"
	awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.3f\n", s }' "$WORK/large_steady.time" >"$WORK/large_steady.cpu"
	awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/large_steady.time" >"$WORK/large_steady.rss"
fi

row() { # row LABEL NAME
	if [[ ! -s "$WORK/$2.wall" ]]; then printf "%-46s %9s %9s %12s\n" "$1" "-" "-" "-"; return; fi
	printf "%-46s %8.2fs %8.2fs %8.1f MiB  %s\n" "$1" "$(cat "$WORK/$2.wall")" "$(cat "$WORK/$2.cpu")" \
		"$(awk -v k="$(cat "$WORK/$2.rss")" 'BEGIN { print k / 1024 }')" "${3:-}"
}
docs() { # docs DB: documents and mentions stored
	sqlite3 "$1" 'SELECT (SELECT COUNT(*) FROM documents) || " documents, " || (SELECT COUNT(*) FROM mentions) || " mentions"' 2>/dev/null || true
}

echo
echo "memory benchmark: $ITEMS items a feed, concurrency $CONC, nginx on 127.0.0.1:$PORT, GOGC=${GOGC:-default} GOMEMLIMIT=${GOMEMLIMIT:-default}"
printf "%-46s %9s %9s %12s\n" "" "wall" "CPU" "peak RSS"
row "$BASE_SOURCES sources/$BASE_BRANDS brands, run --once full" base_full "$(command -v sqlite3 >/dev/null && docs "$WORK/base.db")"
row "$BASE_SOURCES sources/$BASE_BRANDS brands, run --once 304" base_304
row "$SOURCES sources/$BRANDS brands, run --once full" large_full "$(command -v sqlite3 >/dev/null && docs "$WORK/large.db")"
row "$SOURCES sources/$BRANDS brands, run --once 304" large_304
[[ $STEADY -gt 0 ]] && row "$SOURCES sources/$BRANDS brands, run ${STEADY}s" large_steady "(every source due each minute, then SIGTERM)"
rss=$(cat "$WORK"/large_*.rss | sort -n | tail -1)
awk -v k="$rss" -v s="$SOURCES" -v b="$BRANDS" 'BEGIN { printf "peak RSS at %s sources/%s brands: %.1f MiB (target <= 100 MB = 95.4 MiB)%s\n", s, b, k / 1024, (k * 1024 <= 100e6) ? "" : ", MISSED" }'
if [[ -n "${PROFILE:-}" ]]; then
	echo "heap profiles: $(ls "$WORK"/*.heap 2>/dev/null | tr '\n' ' ')(go tool pprof -sample_index=inuse_space BINARY PROFILE; binary $MW)"
fi
