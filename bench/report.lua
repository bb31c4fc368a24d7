-- wrk script for bench/run.
-- Arguments: mode ("hit" or "miss"), a nonce, then optional paths to rotate through
-- (default: the path of the URL given to wrk). In "miss" mode every request carries a
-- unique `_` query parameter, so no response can come from the page cache.
-- At the end it prints one line, "JSON {...}", with counts and latencies in microseconds.

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
end

local mode, nonce, counter = "hit", "0", 0
local paths = {}

function init(args)
  mode = args[1] or "hit"
  nonce = args[2] or "0"
  for i = 3, #args do
    paths[#paths + 1] = args[i]
  end
  if #paths == 0 then
    paths[1] = wrk.path
  end
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if mode == "miss" then
    local separator = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. separator .. "_=" .. nonce .. "-" .. thread_id .. "-" .. counter
  end
  return wrk.format(nil, path)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'JSON {"requests": %d, "duration_us": %d, "connect_errors": %d, "read_errors": %d, '
      .. '"write_errors": %d, "status_errors": %d, "timeouts": %d, "p50": %d, "p95": %d, '
      .. '"p99": %d, "mean": %.1f, "max": %d}\n',
    summary.requests, summary.duration, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.mean, latency.max
  ))
end
