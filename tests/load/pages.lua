-- wrk script for tests/load/run.sh: requests the pages in DIR/urls.txt in turn;
-- every answer must be 200 and byte-identical to one of the bodies listed in
-- DIR/expected.list (files in DIR/expected/). Usage: wrk ... -s pages.lua -- DIR
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local dir = args[1]
  reqs = {}
  for path in io.lines(dir .. "/urls.txt") do
    table.insert(reqs, wrk.format("GET", path))
  end
  expected = {}
  for name in io.lines(dir .. "/expected.list") do
    local f = assert(io.open(dir .. "/expected/" .. name, "rb"))
    expected[f:read("*a")] = true
    f:close()
  end
  i = 0
  ok, bad_status, bad_body, first_bad = 0, 0, 0, ""
end

function request()
  i = i % #reqs + 1
  return reqs[i]
end

function response(status, headers, body)
  if status ~= 200 then
    bad_status = bad_status + 1
    if first_bad == "" then first_bad = "status " .. status end
  elseif not expected[body] then
    bad_body = bad_body + 1
    if first_bad == "" then first_bad = "body of " .. #body .. " bytes, not an expected page" end
  else
    ok = ok + 1
  end
end

function done(summary, latency, requests)
  local good, bs, bb, first = 0, 0, 0, ""
  for _, t in ipairs(threads) do
    good = good + t:get("ok")
    bs = bs + t:get("bad_status")
    bb = bb + t:get("bad_body")
    if first == "" then first = t:get("first_bad") end
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d ok=%d bad_status=%d bad_body=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d duration_s=%.2f requests_per_s=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f first_bad=%q\n",
    summary.requests, good, bs, bb, e.connect, e.read, e.write, e.timeout, secs,
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, first))
end
