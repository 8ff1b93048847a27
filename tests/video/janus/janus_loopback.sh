#!/usr/bin/env bash
# Runs a real Janus (Debian's janus package) on the loopback only, for the video plugin's SFU tests:
# a generated minimal configuration in DIR with only the VideoRoom plugin and the HTTP and
# WebSocket transports, bound to 127.0.0.1, ICE gathered on the loopback only, no example rooms,
# room creation guarded by an admin key. Runs in the foreground (exec), so whoever started it
# stops it with SIGTERM. With TOKEN_SECRET, Janus wants a signed token on every request
# (token_auth with token_auth_secret: what [plugins.video] janus_token_secret signs).
#
#   janus_loopback.sh DIR HTTP_PORT WS_PORT ADMIN_KEY [TOKEN_SECRET]
set -euo pipefail
dir=${1:?usage: janus_loopback.sh DIR HTTP_PORT WS_PORT ADMIN_KEY}
http_port=${2:?HTTP port}
ws_port=${3:?WebSocket port}
admin_key=${4:?VideoRoom admin key}
token_secret=${5:-}
auth=""
[[ -n $token_secret ]] && auth="token_auth = true
  token_auth_secret = \"$token_secret\""
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
  session_timeout = 60
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
  admin_http = false
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
