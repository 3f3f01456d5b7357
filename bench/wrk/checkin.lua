-- wrk: check-ins RECORDED. Each request a new appointment's code and a new request id, so each 201
-- is a new ticket row, committed (and, with synchronous=FULL, fsynced) before the answer.
--   wrk -t T -s bench/wrk/checkin.lua URL -- TOKEN_FILE CODES_FILE FROM TO T
-- Codes FROM..TO-1 (lines, from 0) are shared out among the T threads. A thread that runs out
-- starts over; those answers are reprints (200), not counted as recorded.
package.path = (os.getenv("MIKHAK_WRK_DIR") or "bench/wrk") .. "/?.lua;" .. package.path
local common = require("common")

setup = common.setup
response = common.response

local codes = {}
local sent = 0
local run = ""

function init(args)
  local all = common.lines(args[2])
  local from, to, threads = tonumber(args[3]), tonumber(args[4]), tonumber(args[5])
  for line = from + id, math.min(to, #all) - 1, threads do codes[#codes + 1] = all[line + 1] end
  assert(#codes > 0, "no codes for thread " .. id)
  -- Unique request ids across runs and threads: a reused id would be a lookup, not a check-in.
  run = string.format("wrk-%d-%d", os.time(), id)
  wrk.method = "POST"
  wrk.path = "/api/v1/check-ins"
  wrk.headers["Authorization"] = "Bearer " .. common.firstLine(args[1])
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  sent = sent + 1
  local code = codes[(sent - 1) % #codes + 1]
  return wrk.format(nil, nil, nil,
                    string.format('{"request_id":"%s-%d","code":"%s"}', run, sent, code))
end

function done(summary, latency, requests)
  common.done("checkin", 201, summary, latency)
end
