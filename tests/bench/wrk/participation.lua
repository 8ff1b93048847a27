-- wrk script of the participation scenario: GET $QT_PATH as a random one of the signed-in staff
-- whose session cookies $QT_COOKIES lists ("|"-separated); prints the same JSON line as quartier.lua.
local path = os.getenv("QT_PATH")
local cookies = {}
for c in string.gmatch(os.getenv("QT_COOKIES"), "[^|]+") do cookies[#cookies + 1] = c end

function request()
  return wrk.format("GET", path, { ["Cookie"] = cookies[math.random(#cookies)] })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,' ..
    '"timeouts":%d,"status_errors":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
