-- One wrk script for every HTTP scenario of scripts/bench; the scenario and the generated
-- data files come in through environment variables (set by tests/bench/bench.py):
--   QT_SCENARIO   hello | stream | stream_deep | item | item_comments | post | comment | react |
--                 search | login
--   QT_DATA       folder with benchgen's sessions.tsv, items.txt, search_terms.txt
--   QT_MAX_ID     highest generated item id (deep pages start below max/2)
--   QT_SESSIONS   how many resident sessions to spread the load over
--   QT_PASSWORD   the generated users' password (login)
--   QT_DELAY_MS   optional pause before each request of a connection (paces the soak's load)
-- The scenario "mixed" (scripts/bench --soak) draws each request from the others by weight.
-- Each request picks a random signed-in resident, so the load is spread over many people.

local scenario = os.getenv("QT_SCENARIO") or "hello"
local data = os.getenv("QT_DATA") or "."
local max_id = tonumber(os.getenv("QT_MAX_ID") or "1000")
local want_sessions = tonumber(os.getenv("QT_SESSIONS") or "2000")
local password = os.getenv("QT_PASSWORD") or ""

local function lines(path)
  local out = {}
  local f = io.open(path, "r")
  if not f then return out end
  for l in f:lines() do if l ~= "" then out[#out + 1] = l end end
  f:close()
  return out
end

local sessions, items, terms, paths = {}, {}, {}, {}
local reactions = { "like", "heart", "thanks", "laugh", "sad" }
local counter = 0

local thread_no = 0
function setup(thread)
  thread:set("thread_no", thread_no)
  thread_no = thread_no + 1
end

function init(args)
  math.randomseed(1234 + (thread_no or 0) * 7919)
  for i, l in ipairs(lines(data .. "/sessions.tsv")) do
    -- line 1 is the administrator; residents follow
    if i > 1 then
      local uid, token, csrf, email = l:match("^(%S+)\t(%S+)\t(%S+)\t(%S+)")
      sessions[#sessions + 1] = { token = token, csrf = csrf, email = email }
      if #sessions >= want_sessions then break end
    end
  end
  items = lines(data .. "/items.txt")
  terms = lines(data .. "/search_terms.txt")
  paths = lines(data .. "/" .. scenario .. ".paths")
end

local function pick(t) return t[math.random(#t)] end

local function auth(s, csrf)
  local h = { ["Cookie"] = "quartier_session=" .. s.token }
  if csrf then
    h["X-CSRF-Token"] = s.csrf
    h["Content-Type"] = "application/json"
  end
  return h
end

-- The soak's mix: mostly reading, as residents do; every write kind is in it.
local mix = { { "stream", 50 }, { "stream_deep", 5 }, { "item", 15 }, { "item_comments", 10 }, { "search", 5 },
              { "react", 8 }, { "comment", 4 }, { "post", 3 } }

local function mixed_scenario()
  local r = math.random(100)
  for _, m in ipairs(mix) do
    if r <= m[2] then return m[1] end
    r = r - m[2]
  end
  return "stream"
end

local delay_ms = tonumber(os.getenv("QT_DELAY_MS") or "")
if delay_ms and delay_ms > 0 then
  function delay() return delay_ms end
end

function request()
  counter = counter + 1
  local scenario = scenario
  if scenario == "mixed" then scenario = mixed_scenario() end
  if scenario == "hello" then
    return wrk.format("GET", "/healthz")
  end
  local s = pick(sessions)
  if scenario == "stream" then
    return wrk.format("GET", "/api/stream", auth(s))
  elseif scenario == "stream_deep" then
    local before = math.floor(max_id / 4) + math.random(math.max(1, math.floor(max_id / 4)))
    return wrk.format("GET", "/api/stream?before=" .. before, auth(s))
  elseif scenario == "item" then
    return wrk.format("GET", "/api/content/" .. pick(items), auth(s))
  elseif scenario == "item_comments" then
    return wrk.format("GET", "/api/content/" .. pick(items) .. "/comments", auth(s))
  elseif scenario == "post" then
    local body = '{"title":"Flohmarkt im Hof","body":"Am Samstag ab 10 Uhr Flohmarkt im Hinterhof, Nummer ' ..
      counter .. '. Wer hat Lust mitzumachen?"}'
    return wrk.format("POST", "/api/posts", auth(s, true), body)
  elseif scenario == "comment" then
    local body = '{"body":"Gute Idee, ich komme vorbei! (' .. counter .. ')"}'
    return wrk.format("POST", "/api/content/" .. pick(items) .. "/comments", auth(s, true), body)
  elseif scenario == "react" then
    local body = '{"reaction":"' .. reactions[(counter % #reactions) + 1] .. '"}'
    return wrk.format("PUT", "/api/content/" .. pick(items) .. "/reaction", auth(s, true), body)
  elseif scenario == "search" then
    return wrk.format("GET", "/api/search?q=" .. pick(terms), auth(s))
  elseif paths[1] then  -- a plugin's scenario: GET a random path of QT_DATA/<scenario>.paths
    return wrk.format("GET", pick(paths), auth(s))
  elseif scenario == "login" then
    local body = '{"email":"' .. s.email .. '","password":"' .. password .. '"}'
    return wrk.format("POST", "/api/auth/login", { ["Content-Type"] = "application/json" }, body)
  end
  error("unknown QT_SCENARIO " .. scenario)
end

-- With QT_SHOW_ERRORS set, the first few failures are printed (wrk itself only counts them).
-- Off by default: a response() callback makes wrk hand every body to Lua, which costs CPU that
-- the server shares on a small machine.
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
