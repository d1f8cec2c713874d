-- wrk script for docs/benchmarks.md: GET /v1/profiles/{id} for random ids (one per line in ids.txt, e.g.
-- psql -tAc "select id from profile.profile" > ids.txt) with the bearer token in token.txt; docs/load/get.sh runs it.
local ids = {}
for line in io.lines("ids.txt") do ids[#ids + 1] = line end
local token = io.open("token.txt"):read("*l")
math.randomseed(42)
request = function()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/v1/profiles/" .. id, { ["Authorization"] = "Bearer " .. token })
end
