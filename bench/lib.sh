# Shared by the bench/*/run.sh scripts: installing what they need from
# Debian's apt, and nginx serving a generated feed farm on loopback.
# Source it, then call bench_workdir NAME; serve_feeds needs PORT.

# need_pkg BINARY PACKAGE...: installs PACKAGE… from apt when BINARY is
# missing.
need_pkg() {
	local bin=$1; shift
	if command -v "$bin" >/dev/null 2>&1 || [[ -x "/usr/sbin/$bin" || -x "/usr/bin/$bin" ]]; then return; fi
	echo "installing $* from apt" >&2
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null; then
		apt-get update >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null
	fi
}

NGINX_PID=""

# serve_feeds: nginx (nginx-light, installed when missing) serves
# $WORK/www on 127.0.0.1:$PORT, keep-alive and sendfile on, no access log;
# returns once the port answers, with the feeds read into the page cache
# so that the first measured pass does not read them from disk.
serve_feeds() {
	need_pkg nginx nginx-light
	local nginx
	nginx=$(command -v nginx || echo /usr/sbin/nginx)
	mkdir -p "$WORK/nginx/logs" "$WORK/nginx/tmp"
	cat >"$WORK/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	keepalive_timeout 120s;
	client_body_temp_path $WORK/nginx/tmp/body;
	proxy_temp_path $WORK/nginx/tmp/proxy;
	fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
	uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
	scgi_temp_path $WORK/nginx/tmp/scgi;
	types { application/rss+xml xml; text/plain txt; }
	server {
		listen 127.0.0.1:$PORT;
		root $WORK/www;
	}
}
CONF
	[[ $(id -u) == 0 ]] && sed -i "1i user root;" "$WORK/nginx/nginx.conf"
	"$nginx" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
	NGINX_PID=$!
	for _ in $(seq 100); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
		sleep 0.1
	done
	find "$WORK/www" -name '*.xml' -exec cat {} + >/dev/null
}

# stop_feeds stops the nginx serve_feeds started (for an EXIT trap).
stop_feeds() {
	if [[ -n "$NGINX_PID" ]]; then
		kill "$NGINX_PID" 2>/dev/null || true
		wait "$NGINX_PID" 2>/dev/null || true
	fi
}

# bench_workdir NAME: makes the work directory $WORK (/tmp/mentionwatch-NAME.*)
# and sets an EXIT trap that runs the script's own bench_cleanup (when it
# defines one), stops the feeds and removes $WORK (kept with KEEP=1).
bench_workdir() {
	WORK=$(mktemp -d "/tmp/mentionwatch-$1.XXXXXX")
	chmod 755 "$WORK"
	trap bench_exit EXIT
}

bench_exit() {
	if declare -F bench_cleanup >/dev/null; then bench_cleanup; fi
	stop_feeds
	if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$WORK"; else echo "work directory kept: $WORK"; fi
}
