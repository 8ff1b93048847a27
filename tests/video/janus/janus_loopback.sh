#!/usr/bin/env bash
# Runs a real Janus (Debian's janus package) on the loopback only, for the video plugin's SFU tests:
# a generated minimal configuration in DIR with only the VideoRoom plugin and the HTTP and
# WebSocket transports, bound to 127.0.0.1, ICE gathered on the loopback only, no example rooms,
# room creation guarded by an admin key. Runs in the foreground (exec), so whoever started it
# stops it with SIGTERM. With ADMIN_PORT and ADMIN_SECRET, Janus wants a stored token on every
# request, keepalives included (token_auth without a secret: Quartier adds and removes each
# participant's token through the admin API, which listens on 127.0.0.1:ADMIN_PORT/admin and wants
# ADMIN_SECRET), and drops a session SESSION_TIMEOUT seconds (default 60) after its last accepted
# request.
#
#   janus_loopback.sh DIR HTTP_PORT WS_PORT ADMIN_KEY [ADMIN_PORT ADMIN_SECRET [SESSION_TIMEOUT]]
set -euo pipefail
dir=${1:?usage: janus_loopback.sh DIR HTTP_PORT WS_PORT ADMIN_KEY}
http_port=${2:?HTTP port}
ws_port=${3:?WebSocket port}
admin_key=${4:?VideoRoom admin key}
admin_port=${5:-}
admin_secret=${6:-}
session_timeout=${7:-60}
auth=""
admin_http=false
if [[ -n $admin_port ]]; then
  [[ -n $admin_secret ]] || { echo "janus_loopback: ADMIN_PORT needs ADMIN_SECRET" >&2; exit 2; }
  auth="token_auth = true
  admin_secret = \"$admin_secret\""
  admin_http=true
fi
janus_bin=$(command -v janus || true)
[[ -n $janus_bin ]] || { echo "janus_loopback: janus is missing; install the Debian package janus (scripts/test does)" >&2; exit 3; }
lib=/usr/lib/x86_64-linux-gnu/janus
[[ -d $lib ]] || lib=$(dirname "$(dpkg -L janus 2>/dev/null | grep -m1 '/janus/plugins/libjanus_videoroom.so$')")/..
mkdir -p "$dir/conf" "$dir/plugins" "$dir/transports" "$dir/none"
ln -sf "$lib/plugins/libjanus_videoroom.so" "$dir/plugins/"
ln -sf "$lib/transports/libjanus_http.so" "$lib/transports/libjanus_websockets.so" "$dir/transports/"

cat >"$dir/conf/janus.jcfg" <<CFG
general: {
  configs_folder = "$dir/conf"
  plugins_folder = "$dir/plugins"
  transports_folder = "$dir/transports"
  events_folder = "$dir/none"
  loggers_folder = "$dir/none"
  debug_level = 4
  session_timeout = $session_timeout
  $auth
  protected_folders = ["/bin", "/boot", "/dev", "/etc", "/lib", "/proc", "/sbin", "/sys", "/usr", "/var"]
}
certificates: {
}
media: {
  rtp_port_range = "20000-40000"
}
nat: {
  ice_enforce_list = "lo"
  ignore_mdns = true
}
plugins: {
}
transports: {
}
events: {
  broadcast = false
}
CFG

cat >"$dir/conf/janus.transport.http.jcfg" <<CFG
general: {
  json = "compact"
  base_path = "/janus"
  http = true
  port = $http_port
  ip = "127.0.0.1"
  https = false
}
admin: {
  admin_base_path = "/admin"
  admin_http = $admin_http
  admin_port = ${admin_port:-7088}
  admin_ip = "127.0.0.1"
  admin_https = false
}
CFG

cat >"$dir/conf/janus.transport.websockets.jcfg" <<CFG
general: {
  json = "compact"
  ws = true
  ws_port = $ws_port
  ws_ip = "127.0.0.1"
  wss = false
}
admin: {
  admin_ws = false
}
CFG

cat >"$dir/conf/janus.plugin.videoroom.jcfg" <<CFG
general: {
  admin_key = "$admin_key"
  lock_rtp_forward = true
}
CFG

exec "$janus_bin" --config="$dir/conf/janus.jcfg" --configs-folder="$dir/conf" --disable-colors --log-stdout
