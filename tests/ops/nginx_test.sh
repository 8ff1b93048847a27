#!/usr/bin/env bash
# Checks the sample nginx config that docs/operations.md gives operators (docs/nginx/quartier.conf)
# with a real nginx and the real server on loopback: nginx -t accepts it; HTTP redirects to HTTPS;
# requests pass through TLS (a throwaway certificate for quartier.example.de, verified by curl);
# Quartier sees the resident's address through X-Forwarded-For ([server] trusted_proxies), so one
# address's login limit does not lock out another; /metrics answers only the monitoring address;
# a WebSocket upgrade to /api/live passes and a live event arrives through the proxy; a plugin's
# WebSocket (the video rooms' signalling under /api/p/) upgrades too.
#
#   tests/ops/nginx_test.sh build/bin/quartier       (CTest runs it as "ops: nginx sample config")
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root_dir=$(cd "$here/../.." && pwd)
bin=$(cd "$(dirname "${1:?usage: nginx_test.sh PATH/TO/quartier}")" && pwd)/$(basename "$1")
for tool in nginx curl openssl python3; do
  command -v "$tool" >/dev/null || { echo "nginx_test: $tool is missing; install the Debian packages nginx curl openssl python3 (scripts/test does)" >&2; exit 1; }
done
fail() {
  echo "FAIL: $*" >&2
  [[ -f $tmp/nginx-error.log ]] && { echo "--- nginx error log:" >&2; tail -n 20 "$tmp/nginx-error.log" >&2; }
  [[ -f $tmp/quartier.log ]] && { echo "--- quartier log:" >&2; tail -n 20 "$tmp/quartier.log" >&2; }
  exit 1
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/quartier-nginx-XXXXXX")
chmod 755 "$tmp"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
wait_for() {  # wait_for DESCRIPTION COMMAND...: polls up to 30 s
  local what=$1; shift
  local deadline=$((SECONDS + 30))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "$what did not happen within 30 s"
    sleep 0.1
  done
}

# Quartier behind the proxy, as the guide configures it.
cat >"$tmp/quartier.toml" <<EOF
[server]
listen = "127.0.0.1:0"
threads = 2
public_url = "https://quartier.example.de"
trusted_proxies = ["127.0.0.1"]
[database]
url = "sqlite:$tmp/quartier.db"
[auth]
login_attempts_per_ip_5min = 3
[mail]
outbox_dir = "$tmp/outbox"
[media]
dir = "$tmp/media"
[log]
format = "text"
[plugins]
enabled = ["video"]
EOF
"$bin" serve --config "$tmp/quartier.toml" --port-file "$tmp/port" >"$tmp/quartier.log" 2>&1 &
pids+=($!)
wait_for "Quartier listening" test -s "$tmp/port"
qport=$(cat "$tmp/port")
printf 'Lindenblatt-Quartier-4711\n' | "$bin" user add --config "$tmp/quartier.toml" --email staff@example.org \
  --name Amt --role staff --password-stdin >/dev/null 2>>"$tmp/cli.log" || fail "quartier user add failed"
printf 'Lindenblatt-Quartier-4711\n' | "$bin" user add --config "$tmp/quartier.toml" --email anna@example.org \
  --name Anna --role resident --password-stdin >/dev/null 2>>"$tmp/cli.log" || fail "quartier user add failed"

# A certificate for the sample's name, signed by a throwaway CA that curl is told to trust.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Quartier test CA" \
  -keyout "$tmp/ca.key" -out "$tmp/ca.pem" >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=quartier.example.de" -keyout "$tmp/privkey.pem" \
  -out "$tmp/site.csr" >/dev/null 2>&1
printf 'subjectAltName=DNS:quartier.example.de\n' >"$tmp/san.ext"
openssl x509 -req -in "$tmp/site.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" -CAcreateserial -days 2 \
  -extfile "$tmp/san.ext" -out "$tmp/fullchain.pem" >/dev/null 2>&1

# The sample, with only what differs on a test machine replaced; each replacement must match, so
# a changed sample cannot slip past this test unchecked.
https_port=$(free_port)
http_port=$(free_port)
site="$tmp/site.conf"
cp "$root_dir/docs/nginx/quartier.conf" "$site"
replace() {  # replace FROM TO: every occurrence; fails if there is none
  grep -qF -- "$1" "$site" || fail "docs/nginx/quartier.conf no longer contains '$1'; update tests/ops/nginx_test.sh with it"
  FROM=$1 TO=$2 python3 -c 'import os,sys; p=sys.argv[1]; s=open(p).read(); open(p,"w").write(s.replace(os.environ["FROM"], os.environ["TO"]))' "$site"
}
replace "server 127.0.0.1:8080 " "server 127.0.0.1:$qport "
replace "listen 443 ssl http2;" "listen 127.0.0.1:$https_port ssl http2;"
replace "listen 80;" "listen 127.0.0.1:$http_port;"
replace "listen [::]:443 ssl http2;" ""
replace "listen [::]:80;" ""
replace "/etc/letsencrypt/live/quartier.example.de/" "$tmp/"
replace "root /var/www/letsencrypt;" "root $tmp/acme;"
user_line=""
[[ $(id -u) -eq 0 ]] && user_line="user root;"
cat >"$tmp/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 256; }
http {
    access_log $tmp/nginx-access.log;
    client_body_temp_path $tmp/client_body;
    proxy_temp_path $tmp/proxy;
    fastcgi_temp_path $tmp/fastcgi;
    uwsgi_temp_path $tmp/uwsgi;
    scgi_temp_path $tmp/scgi;
    include $site;
}
EOF
nginx -t -q -p "$tmp" -c "$tmp/nginx.conf" 2>"$tmp/nginx-t.log" || { cat "$tmp/nginx-t.log" >&2; fail "nginx -t rejects the sample config"; }
nginx -p "$tmp" -c "$tmp/nginx.conf" -g 'daemon off;' 2>>"$tmp/nginx-error.log" &
pids+=($!)

site_url="https://quartier.example.de:$https_port"
tls=(--cacert "$tmp/ca.pem" --resolve "quartier.example.de:$https_port:127.0.0.1" --max-time 10 -s)
status() { curl "${tls[@]}" -o /dev/null -w '%{http_code}' "$@" || true; }
healthz_ok() { [[ $(status "$site_url/healthz") == 200 ]]; }  # asked anew on every poll
wait_for "nginx answering over TLS" healthz_ok

# TLS and the proxied health checks; Quartier's own headers come through.
headers=$(curl "${tls[@]}" -D - -o /dev/null "$site_url/readyz")
grep -q '^HTTP/2 200' <<<"$headers" || fail "GET /readyz through nginx: $headers"
grep -qi '^strict-transport-security:' <<<"$headers" || fail "no HSTS header through nginx (public_url is https)"
grep -qi '^content-security-policy:' <<<"$headers" || fail "no CSP header through nginx"
# Plain HTTP goes to HTTPS; certbot's challenge folder is served.
location=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Host: quartier.example.de' "http://127.0.0.1:$http_port/api/meta")
[[ $location == "301 https://quartier.example.de/api/meta" ]] || fail "HTTP does not redirect to HTTPS: $location"
mkdir -p "$tmp/acme/.well-known/acme-challenge" && echo token-123 >"$tmp/acme/.well-known/acme-challenge/t"
[[ $(curl -s -H 'Host: quartier.example.de' "http://127.0.0.1:$http_port/.well-known/acme-challenge/t") == token-123 ]] ||
  fail "the ACME challenge folder is not served over HTTP"

# /metrics: the monitoring address only (the sample allows 127.0.0.1; 127.0.0.2 is someone else).
[[ $(status "$site_url/metrics") == 200 ]] || fail "/metrics from the monitoring address is not 200"
[[ $(status --interface 127.0.0.2 "$site_url/metrics") == 403 ]] || fail "/metrics from another address is not 403"

# The client's address reaches Quartier: 127.0.0.2 uses up its 3 login attempts, 127.0.0.3 still may try.
# (A different account each time: a failed login also delays the next try of the same account
# from the same address, which is not what is checked here.)
login_from() {  # login_from ADDRESS ACCOUNT
  curl "${tls[@]}" --interface "$1" -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -H "Origin: https://quartier.example.de" -d "{\"email\":\"$2@example.org\",\"password\":\"wrong-password-1\"}" \
    "$site_url/api/auth/login" || true
}
for n in 1 2 3; do [[ $(login_from 127.0.0.2 nobody$n) == 401 ]] || fail "a wrong login through nginx is not 401"; done
[[ $(login_from 127.0.0.2 nobody4) == 429 ]] || fail "the 4th login attempt from 127.0.0.2 is not rate limited"
[[ $(login_from 127.0.0.3 nobody5) == 401 ]] || fail "127.0.0.3 is rate limited for 127.0.0.2's attempts: X-Forwarded-For is not used"

# A WebSocket through nginx: log in, open /api/live, post an urgent announcement, receive it live;
# then a video room's signalling socket under /api/p/ gets its welcome.
python3 "$here/ws_through_proxy.py" --host quartier.example.de --port "$https_port" --cafile "$tmp/ca.pem" \
  --email staff@example.org --resident-email anna@example.org --password Lindenblatt-Quartier-4711 || fail "the WebSocket check through nginx failed"

grep -q 'upgrade' "$tmp/nginx-error.log" && fail "nginx logged upgrade errors"
echo "nginx sample config: passed"
