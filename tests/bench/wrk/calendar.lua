-- The calendar scenario (tests/bench/calendar_bench.py): the same month view, each request as
-- the next of the signed-in people in QT_CAL_COOKIES ("|"-separated), so no one person's API
-- budget runs out.
local cookies = {}
for c in string.gmatch(os.getenv("QT_CAL_COOKIES") or "", "[^|]+") do table.insert(cookies, c) end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", nil, { ["Cookie"] = cookies[(i % #cookies) + 1] })
end
