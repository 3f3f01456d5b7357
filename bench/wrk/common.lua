-- Shared by the wrk scripts of bench/server_bench.sh: reading the seed's files, counting answers
-- by status in each thread, and one summary line that the bench script reads.
local common = {}

function common.lines(path)
  local file = assert(io.open(path, "r"), "cannot read " .. path)
  local lines = {}
  for line in file:lines() do
    if line ~= "" then lines[#lines + 1] = line end
  end
  file:close()
  return lines
end

function common.firstLine(path)
  return assert(common.lines(path)[1], "empty file " .. path)
end

-- wrk calls setup(thread) for each thread in the main state, before the thread's init(); the ids
-- tell the threads apart, so each can take its own share of the codes.
local threads = {}
function common.setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

-- In each thread: answers by status (wrk itself only counts non-2xx, and 200 vs 201 matters).
counts = {}
function common.response(status)
  counts[status] = (counts[status] or 0) + 1
end

-- In the main state, after the run: "WRK_RESULT ..." with the rate of answers with goodStatus.
function common.done(name, goodStatus, summary, latency)
  local statuses = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts") or {}
    for status, n in pairs(c) do statuses[status] = (statuses[status] or 0) + n end
  end
  local keys = {}
  for status in pairs(statuses) do keys[#keys + 1] = status end
  table.sort(keys)
  local parts = {}
  for _, status in ipairs(keys) do parts[#parts + 1] = status .. ":" .. statuses[status] end
  local seconds = summary.duration / 1e6
  local good = statuses[goodStatus] or 0
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT mode=%s requests=%d rate=%.1f good=%d good_rate=%.1f p50_ms=%.2f p90_ms=%.2f " ..
    "p99_ms=%.2f max_ms=%.2f statuses=%s errors=connect:%d,read:%d,write:%d,timeout:%d\n",
    name, summary.requests, summary.requests / seconds, good, good / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, table.concat(parts, ","), e.connect, e.read, e.write, e.timeout))
end

return common
