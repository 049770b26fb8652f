-- wrk script for bench/fees.py: POST payments/ recording a fee; each request takes the next
-- line of the plan file (coordinator's token, organisation id, capped contributor id, day).
local plan = {}
local counter = 0

function init(args)
  for line in io.lines(args[1]) do
    local token, org, contributor, day = line:match("(%S+) (%S+) (%S+) (%S+)")
    if token then plan[#plan + 1] = {token, org, contributor, day} end
  end
  counter = math.random(#plan)
end

function request()
  counter = counter % #plan + 1
  local p = plan[counter]
  local body = string.format(
    '{"organisation": %s, "contributor": %s, "kind": "fee", "amount": "30.00", '
    .. '"description": "Bench fee", "due_on": "%s", "hours": "2.00"}', p[2], p[3], p[4])
  return wrk.format("POST", nil, {
    ["Authorization"] = "Token " .. p[1],
    ["Content-Type"] = "application/json",
  }, body)
end

function done(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50": %.3f, "p95": %.3f, "p99": %.3f, "errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e6,
    latency:percentile(95) / 1e6, latency:percentile(99) / 1e6, bad))
end
