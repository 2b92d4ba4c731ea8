-- wrk's script for the load benchmark (benchmarks/load/__main__.py).
-- The request comes from the environment: WRK_METHOD and WRK_BODY for a form
-- post (cookies come as -H). At the end, one line of JSON with what wrk
-- counted, latencies in microseconds.

local method = os.getenv("WRK_METHOD")
if method and method ~= "GET" then
  wrk.method = method
  wrk.body = os.getenv("WRK_BODY") or ""
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, '
      .. '"read": %d, "write": %d, "status": %d, "timeout": %d, '
      .. '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max
  ))
end
