-- wrk script for bench/run: each request carries the next real user's token
-- (Authorization: Token ...); the tokens file is the first script argument. done() prints one
-- JSON line with requests/s, latency percentiles and the count of non-2xx answers.
local tokens = {}
local counter = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then tokens[#tokens + 1] = line end
  end
  counter = math.random(#tokens)
end

function request()
  counter = counter % #tokens + 1
  if tokens[counter] == "-" then
    return wrk.format("GET", nil, {})
  end
  return wrk.format("GET", nil, {["Authorization"] = "Token " .. tokens[counter]})
end

function done(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50": %.3f, "p95": %.3f, "p99": %.3f, "errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e6,
    latency:percentile(95) / 1e6, latency:percentile(99) / 1e6, bad))
end
