#!/usr/bin/env bash
# Part of tests/package/install_test.sh: runs inside `unshare --net` (a network namespace with
# only its own loopback) against the Debian root $QT_ROOT where the package is installed.
# Starts the server exactly as quartier.service says (User=, Group=, WorkingDirectory=,
# EnvironmentFile=, ExecStartPre=, ExecStart=) and checks it answers, keeps its data over a
# graceful restart (SIGTERM, the unit's KillSignal) and over SIGKILL (Restart=on-failure).
set -euo pipefail
r=${QT_ROOT:?QT_ROOT must name the Debian root}
unit="$r/lib/systemd/system/quartier.service"
fail() { echo "FAIL (service): $*" >&2; [[ -f $r/tmp/server.log ]] && tail -n 20 "$r/tmp/server.log" >&2; exit 1; }

ip link set lo up

key() { sed -n "s/^$1=//p" "$unit" | head -n 1; }
user=$(key User); group=$(key Group); wd=$(key WorkingDirectory)
pre=$(key ExecStartPre); start=$(key ExecStart); envfile=$(key EnvironmentFile)
kill_signal=$(key KillSignal); stop_timeout=$(key TimeoutStopSec)
[[ -n $user && -n $start && -n $wd ]] || fail "the unit lacks User=, WorkingDirectory= or ExecStart="
envfile=${envfile#-}

# The environment systemd would give the service: its own variables plus EnvironmentFile=.
env_args=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "HOME=$wd" "USER=$user" LANG=C.UTF-8)
if [[ -n $envfile && -f $r$envfile ]]; then
  while IFS= read -r line; do
    [[ $line =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] && env_args+=("$line")
  done <"$r$envfile"
fi
# Numeric ids from the root's own files (the host may not know the quartier user).
uid=$(awk -F: -v u="$user" '$1 == u {print $3}' "$r/etc/passwd")
gid=$(awk -F: -v g="${group:-$user}" '$1 == g {print $3}' "$r/etc/group")
[[ -n $uid && -n $gid ]] || fail "the user $user or group ${group:-$user} of the unit does not exist in the installed system"
as_service() {
  chroot --userspec="$uid:$gid" --groups="$gid" "$r" /usr/bin/env -i "${env_args[@]}" /bin/sh -c "cd '$wd' && exec $1"
}

base=http://127.0.0.1:8080
code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" || true; }
pid=""
start_server() {
  as_service "$pre" >/dev/null 2>>"$r/tmp/server.log" || fail "ExecStartPre ($pre) failed"
  # chroot, env and sh each exec the next, so $! is the server's own pid, as systemd's MainPID.
  chroot --userspec="$uid:$gid" --groups="$gid" "$r" /usr/bin/env -i "${env_args[@]}" \
    /bin/sh -c "cd '$wd' && exec $start" >>"$r/tmp/server.log" 2>&1 &
  pid=$!
  echo "$pid" >"$r/.server-pid"
  # Ready when /readyz says so; give up if the process ends first or after 60 s.
  local deadline=$((SECONDS + 60))
  until [[ $(code "$base/readyz") == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || fail "the server exited during startup"
    ((SECONDS < deadline)) || fail "/readyz did not answer 200 within 60 s"
    sleep 0.2
  done
}
stop_server() {  # $1: signal
  kill -s "$1" "$pid"
  local rc=0
  if [[ $1 == KILL ]]; then
    wait "$pid" 2>/dev/null || true
  else
    # systemd waits TimeoutStopSec for the exit after KillSignal.
    local deadline=$((SECONDS + ${stop_timeout:-90}))
    while kill -0 "$pid" 2>/dev/null; do
      ((SECONDS < deadline)) || fail "the server did not stop within TimeoutStopSec after SIG$1"
      sleep 0.1
    done
    wait "$pid" || rc=$?
    ((rc == 0)) || fail "the server exited with $rc after SIG$1 (expected 0)"
  fi
  rm -f "$r/.server-pid"
}
login() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
    -d '{"email":"admin@example.org","password":"Lindenblatt-Quartier-4711"}' "$base/api/auth/login" || true
}

[[ ${kill_signal:-SIGTERM} == SIGTERM ]] || fail "KillSignal is $kill_signal; this test expects SIGTERM"
start_server
[[ $(code "$base/healthz") == 200 ]] || fail "/healthz is not 200"
curl -s --max-time 5 "$base/" | grep -qi '<!doctype html' || fail "GET / does not serve the web UI from /usr/share/quartier/web"
curl -s --max-time 5 "$base/api/meta" | grep -q '"groups"' || fail "/api/meta does not list the enabled plugin groups"
# The first admin, as the postinst's next steps say, while the server runs.
printf 'Lindenblatt-Quartier-4711\n' | as_service "/usr/bin/quartier user add --config /etc/quartier/quartier.toml \
  --email admin@example.org --name Admin --role admin --password-stdin" >/dev/null 2>>"$r/tmp/server.log" ||
  fail "quartier user add failed"
[[ $(login) == 200 ]] || fail "the new admin cannot log in"
owner=$(stat -c %u "$r/var/lib/quartier/quartier.db")
[[ $owner == "$uid" ]] || fail "the database is owned by uid $owner, not by $user ($uid)"

stop_server TERM
start_server
[[ $(login) == 200 ]] || fail "after a graceful restart the admin cannot log in"
stop_server KILL
start_server
[[ $(login) == 200 ]] || fail "after SIGKILL and a restart the admin cannot log in"
stop_server TERM
echo "service check: passed"
