#!/usr/bin/env bash
# Crawl benchmark: mentionwatch's `run --once` against a bare fetch-and-parse
# loop, over the same feeds served by nginx on loopback.
#
#   bench/crawl/run.sh            # 2,000 feeds x 50 items, concurrency 16
#   FEEDS=200 ITEMS=20 bench/crawl/run.sh
#
# Environment: FEEDS, ITEMS, CONC (http.workers, http.per_host and the bare
# loop's concurrency), PORT, REPEAT (runs of each measurement; the table
# shows the median), KEEP=1 to keep the work directory.
#
# It installs nginx-light and time from Debian's apt when they are missing,
# generates the feeds and a rules.yaml (bench/crawl/gen), serves the feeds
# with nginx (static files: ETag and Last-Modified come for free, and a
# conditional GET gets a 304), then times, each under /usr/bin/time -v:
#   (a) bench/crawl/bareloop: net/http + gofeed, first pass and 304 pass;
#   (b) bench/crawl/fetchloop: the same with watcher/fetch and watcher/feed
#       (politeness, charset, text, identities), to show what those cost;
#   (c) mentionwatch run --once -c bench.yaml (no alert routes: delivery is
#       measured by the notify benchmarks), first pass (fresh database)
#       and 304 pass.
# The table gives wall time, CPU time (user+sys, steadier than wall time on
# a shared machine) and peak RSS, and the ratios to the bare loop.
# Every source is on one host, so the generated rules.yaml sets
# http.per_host to the worker count and http.min_delay to 0s, and the
# served robots.txt allows everything: politeness must not be what is
# measured. A warm-up pass puts the feeds in the page cache first.
set -euo pipefail

FEEDS=${FEEDS:-2000}
ITEMS=${ITEMS:-50}
CONC=${CONC:-16}
PORT=${PORT:-18080}
REPEAT=${REPEAT:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/lib.sh" # need_pkg, serve_feeds, bench_workdir
bench_workdir crawl

[[ -x /usr/bin/time ]] || need_pkg time time

echo "building" >&2
mkdir -p "$WORK/bin"
(cd "$ROOT" && go build -o "$WORK/bin/gen" ./bench/crawl/gen && go build -o "$WORK/bin/bareloop" ./bench/crawl/bareloop && go build -o "$WORK/bin/fetchloop" ./bench/crawl/fetchloop)
HAVE_MW=0
if (cd "$ROOT" && go build -o "$WORK/bin/mentionwatch" ./cmd/mentionwatch) 2>"$WORK/build.log"; then
	HAVE_MW=1
else
	echo "cmd/mentionwatch does not build yet; measuring the bare loop only (see below)" >&2
fi

"$WORK/bin/gen" -dir "$WORK" -feeds "$FEEDS" -items "$ITEMS" -workers "$CONC" -base "http://127.0.0.1:$PORT"

serve_feeds

# measure NAME CMD...: runs CMD under /usr/bin/time -v and appends its wall
# seconds, CPU seconds and peak RSS (KiB) to $WORK/NAME.wall, .cpu, .rss.
measure() {
	local name=$1; shift
	local status=0
	/usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || status=$?
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.3f\n", s }' "$WORK/$name.time" >>"$WORK/$name.wall"
	awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.3f\n", s }' "$WORK/$name.time" >>"$WORK/$name.cpu"
	awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/$name.time" >>"$WORK/$name.rss"
	if [[ $status != 0 ]]; then
		echo "$name exited with status $status:" >&2
		tail -5 "$WORK/$name.err" >&2
	fi
	return 0
}

# median FILE: the median of the numbers in FILE, one a line.
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR == 0) exit; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "warm-up pass" >&2
"$WORK/bin/bareloop" -urls "$WORK/urls.txt" -c "$CONC" >/dev/null

for run in $(seq "$REPEAT"); do
	echo "run $run of $REPEAT: bare loop, fetch loop$([[ $HAVE_MW == 1 ]] && echo ", mentionwatch"): full pass, then 304 pass" >&2
	measure bare_full "$WORK/bin/bareloop" -urls "$WORK/urls.txt" -c "$CONC" -save "$WORK/validators.json"
	measure bare_304 "$WORK/bin/bareloop" -urls "$WORK/urls.txt" -c "$CONC" -load "$WORK/validators.json"
	measure fetch_full "$WORK/bin/fetchloop" -urls "$WORK/urls.txt" -c "$CONC" -save "$WORK/validators2.json"
	measure fetch_304 "$WORK/bin/fetchloop" -urls "$WORK/urls.txt" -c "$CONC" -load "$WORK/validators2.json"
	cat "$WORK/bare_full.out" "$WORK/bare_304.out" "$WORK/fetch_full.out" "$WORK/fetch_304.out" >&2
	if [[ $HAVE_MW == 1 ]]; then
		rm -f "$WORK"/bench.db "$WORK"/bench.db-*
		(cd "$WORK" && "$WORK/bin/mentionwatch" check -c bench.yaml >/dev/null)
		(cd "$WORK" && measure mw_full "$WORK/bin/mentionwatch" run --once -c bench.yaml)
		(cd "$WORK" && measure mw_304 "$WORK/bin/mentionwatch" run --once -c bench.yaml)
		echo "mentionwatch printed $(wc -l <"$WORK/mw_full.out") lines in the full pass, $(wc -l <"$WORK/mw_304.out") in the 304 pass" >&2
	fi
done

row() { # row LABEL NAME [BASELINE TARGET]
	local wall cpu rss ratio=""
	if [[ ! -s "$WORK/$2.wall" ]]; then printf "%-34s %9s %9s %12s\n" "$1" "-" "-" "-"; return; fi
	wall=$(median "$WORK/$2.wall")
	cpu=$(median "$WORK/$2.cpu")
	rss=$(sort -n "$WORK/$2.rss" | tail -1)
	if [[ $# -ge 4 ]]; then
		ratio=$(awk -v a="$wall" -v b="$(median "$WORK/$3.wall")" -v c="$cpu" -v d="$(median "$WORK/$3.cpu")" -v t="$4" \
			'BEGIN { r = (b > 0) ? a / b : 0; q = (d > 0) ? c / d : 0; printf "%5.2fx wall, %5.2fx CPU (target <= %sx%s)", r, q, t, (r <= t) ? "" : ", MISSED" }')
	fi
	printf "%-34s %8.2fs %8.2fs %8.1f MiB  %s\n" "$1" "$wall" "$cpu" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$ratio"
}

echo
echo "crawl benchmark: $FEEDS feeds x $ITEMS items, concurrency $CONC, nginx on 127.0.0.1:$PORT, median of $REPEAT run(s)"
printf "%-34s %9s %9s %12s  %s\n" "" "wall" "CPU" "peak RSS" "vs bare loop"
row "bare loop (net/http+gofeed), full" bare_full
row "bare loop, 304" bare_304
row "fetch+feed loop, full" fetch_full bare_full 1.5
row "fetch+feed loop, 304" fetch_304 bare_304 3
if [[ $HAVE_MW == 1 ]]; then
	row "mentionwatch run --once, full" mw_full bare_full 1.5
	row "mentionwatch run --once, 304" mw_304 bare_304 3
else
	echo "mentionwatch: not measured, cmd/mentionwatch did not build:"
	head -5 "$WORK/build.log"
fi
