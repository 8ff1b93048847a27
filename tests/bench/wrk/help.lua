-- wrk script of the help exchange's bench scenario (tests/bench/help_bench.py): a random signed-in
-- resident loads the open requests of their own neighbourhood (GET /api/p/help/requests).
--   QT_DATA       folder with benchgen's sessions.tsv
--   QT_SESSIONS   how many resident sessions to spread the load over
local data = os.getenv("QT_DATA") or "."
local want_sessions = tonumber(os.getenv("QT_SESSIONS") or "2000")
local sessions = {}

local thread_no = 0
function setup(thread)
  thread:set("thread_no", thread_no)
  thread_no = thread_no + 1
end

function init(args)
  math.randomseed(4321 + (thread_no or 0) * 7919)
  local f = io.open(data .. "/sessions.tsv", "r")
  if not f then return end
  local i = 0
  for l in f:lines() do
    i = i + 1
    local token = l:match("^%S+\t(%S+)")
    if i > 1 and token then sessions[#sessions + 1] = token end  -- line 1 is the administrator
    if #sessions >= want_sessions then break end
  end
  f:close()
end

function request()
  local token = sessions[math.random(#sessions)]
  return wrk.format("GET", "/api/p/help/requests", { ["Cookie"] = "quartier_session=" .. token })
end

if os.getenv("QT_SHOW_ERRORS") then
  local shown = 0
  function response(status, headers, body)
    if status >= 400 and shown < 3 then
      shown = shown + 1
      io.stderr:write("HTTP " .. status .. ": " .. body:sub(1, 300) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,' ..
    '"timeouts":%d,"status_errors":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
