-- wrk: check-in LOOKUPS. A kiosk retrying one check-in (the same request id and code), which the
-- server answers from the stored ticket without writing (CheckInService::checkIn, ticketByRequest).
-- The ticket must exist first: check in once with the same request id (server_bench.sh does).
--   wrk -s bench/wrk/lookup.lua URL -- TOKEN_FILE CODES_FILE [REQUEST_ID]
-- The first line of CODES_FILE is used: a bare code, or a signed QR payload (payloads.txt).
package.path = (os.getenv("MIKHAK_WRK_DIR") or "bench/wrk") .. "/?.lua;" .. package.path
local common = require("common")

setup = common.setup
response = common.response

function init(args)
  local requestId = args[3] or "bench-lookup"
  wrk.method = "POST"
  wrk.path = "/api/v1/check-ins"
  wrk.headers["Authorization"] = "Bearer " .. common.firstLine(args[1])
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = string.format('{"request_id":"%s","code":"%s"}', requestId,
                           common.firstLine(args[2]))
end

function done(summary, latency, requests)
  common.done("lookup", 201, summary, latency)  -- a retry gets the answer it had: 201
end
