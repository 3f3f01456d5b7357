-- wrk: CALL-NEXT at the counters in turn. Each call completes the counter's current ticket and
-- calls the next waiting one (200); 204 means the queue was empty, so keep enough tickets waiting.
--   wrk -s bench/wrk/callnext.lua URL -- COOKIE_FILE COUNTERS
-- COOKIE_FILE holds "mikhak_session=..." (mikhak-bench-load --mode login); COUNTERS is "1,2,3".
package.path = (os.getenv("MIKHAK_WRK_DIR") or "bench/wrk") .. "/?.lua;" .. package.path
local common = require("common")

setup = common.setup
response = common.response

local paths = {}
local sent = 0

function init(args)
  for counter in string.gmatch(args[2], "%d+") do
    paths[#paths + 1] = "/api/v1/counters/" .. counter .. "/call-next"
  end
  assert(#paths > 0, "no counters")
  sent = id  -- threads start at different counters
  wrk.method = "POST"
  wrk.headers["Cookie"] = common.firstLine(args[1])
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = "{}"
end

function request()
  sent = sent + 1
  return wrk.format(nil, paths[sent % #paths + 1])
end

function done(summary, latency, requests)
  common.done("call-next", 200, summary, latency)
end
