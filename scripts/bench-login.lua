-- scripts/bench-login.lua: wrk script flooding POST /v1/auth/login with failing logins.
--
--   wrk -t1 -c64 -d10s --latency -s scripts/bench-login.lua http://127.0.0.1:PORT/v1/auth/login
--
-- Every request names an unknown email and comes, by X-Forwarded-For, from a random address (the server trusts
-- 127.0.0.1 as a proxy): no per-account or per-address limit cuts the flood short, so every request costs a
-- password check, the worst a botnet can do. done() prints the answers by status.

local threads = {}
local next_id = 1

function setup(thread)
   thread:set("id", next_id)
   table.insert(threads, thread)
   next_id = next_id + 1
end

statuses = {}
local counter = 0

function init(args)
   math.randomseed(os.time() * 1000 + id)
end

function request()
   counter = counter + 1
   local address = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
   local body = string.format(
      '{"email":"flood-%d-%d@example.org","password":"not the password","product":"viewer"}', id, counter)
   return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["X-Forwarded-For"] = address}, body)
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local totals = {}
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         totals[status] = (totals[status] or 0) + count
      end
   end
   local parts = {}
   for status, count in pairs(totals) do
      table.insert(parts, string.format("%d x %d", count, status))
   end
   table.sort(parts)
   print("login answers: " .. table.concat(parts, ", "))
end
