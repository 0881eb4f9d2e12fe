-- scripts/bench-invite.lua: wrk script for POST /v1/viewer/users.
--
--   wrk -t2 -c32 -d10s --latency -s scripts/bench-invite.lua \
--       http://127.0.0.1:PORT/v1/viewer/users -- API_KEY [RUN_TAG]
--
-- API_KEY may also come from the environment variable BENCH_API_KEY.
-- Every request carries a unique email, bench-<tag>-<thread>-<n>@example.org,
-- so no invite is refused as a duplicate. RUN_TAG keeps runs against the same
-- database apart (scripts/bench uses "warmup" and "main"); it defaults to the
-- start time in seconds.
--
-- Each thread counts responses by status; done() adds the threads' counters up
-- (the `threads` table pattern of wrk's SCRIPTING doc) and prints, among others,
--   201 responses: N
--   non-201 responses: M
-- which scripts/bench parses. Requests still in flight when wrk stops are not
-- counted by wrk (nor here), although the server may still complete them.

-- Setup phase (one shared Lua state) ----------------------------------------
local threads = {}
local next_id = 1
local setup_tag = tostring(os.time())  -- one value shared by all threads

function setup(thread)
   thread:set("id", next_id)
   thread:set("default_tag", setup_tag)
   table.insert(threads, thread)
   next_id = next_id + 1
end

-- Running phase (one Lua state per thread) -------------------------------------
-- Globals below live in each thread's own state; done() reads them with thread:get.
created = 0        -- number of 201 responses
other = 0          -- number of responses with any other status
statuses = {}      -- status code -> count, for the breakdown
first_other = nil  -- status and start of the body of the first non-201 response

local counter = 0
local tag

function init(args)
   local key = args[1] or os.getenv("BENCH_API_KEY")
   if key == nil or key == "" then
      error("bench-invite.lua: pass the API key after '--' or set BENCH_API_KEY")
   end
   tag = args[2] or default_tag
   wrk.method = "POST"
   wrk.headers["Authorization"] = "Bearer " .. key
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   counter = counter + 1
   local email = string.format("bench-%s-%d-%d@example.org", tag, id, counter)
   local body = '{"canManageStudies":true,"clinicRole":"Radiologist","email":"' .. email ..
      '","firstName":"Sarah","hasDashboardAccess":true,"lastName":"Johnson","level":"member"}'
   return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
   if status == 201 then
      created = created + 1
   else
      other = other + 1
      if first_other == nil then
         first_other = tostring(status) .. " " .. string.sub(body or "", 1, 300)
      end
   end
   statuses[status] = (statuses[status] or 0) + 1
end

-- Done phase (the setup state again) --------------------------------------------
function done(summary, latency, requests)
   local total_created, total_other = 0, 0
   local by_status = {}
   local first = nil
   for _, thread in ipairs(threads) do
      total_created = total_created + thread:get("created")
      total_other = total_other + thread:get("other")
      for status, count in pairs(thread:get("statuses")) do
         by_status[status] = (by_status[status] or 0) + count
      end
      first = first or thread:get("first_other")
   end

   io.write("------ bench-invite.lua ------\n")
   io.write(string.format("201 responses: %d\n", total_created))
   io.write(string.format("non-201 responses: %d\n", total_other))
   local codes = {}
   for status in pairs(by_status) do table.insert(codes, status) end
   table.sort(codes)
   for _, status in ipairs(codes) do
      io.write(string.format("status %d: %d\n", status, by_status[status]))
   end
   if first ~= nil then
      io.write("first non-201 response: " .. first .. "\n")
   end
   local e = summary.errors
   io.write(string.format("socket errors: connect=%d read=%d write=%d timeout=%d\n",
      e.connect, e.read, e.write, e.timeout))
end
