-- The wrk script of every measurement in bench/ (run_wrk in bench/lib.sh). Set through the environment,
-- since wrk hands its script arguments to the threads only, never to done():
--   WRK_JSON=<file>     done() writes one JSON object there: the run's numbers, read by bench/wrk_summary.py
--   WRK_TOKENS=<file>   every request carries the next token of that file (one per line), each thread
--   WRK_THREADS=<T>     walking its own share of it, so with enough tokens no token is ever sent twice;
--                       "wrapped" in the JSON counts the shares that ran out and started again.
-- Without WRK_TOKENS the script defines no request(), so wrk keeps its static request (no Lua per request).
local json_file = os.getenv("WRK_JSON")
local token_file = os.getenv("WRK_TOKENS")
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  thread:set("wrapped", 0)
  table.insert(threads, thread)
end

if token_file then
  function init(args)
    local all = {}
    for line in io.lines(token_file) do
      if #line > 0 then all[#all + 1] = line end
    end
    local nthreads = tonumber(os.getenv("WRK_THREADS"))
    tokens = {}
    for i = 1, #all do
      if (i - 1) % nthreads == id then tokens[#tokens + 1] = "Bearer " .. all[i] end
    end
    next_token = 1
  end

  function request()
    local token = tokens[next_token]
    next_token = next_token + 1
    if next_token > #tokens then
      next_token = 1
      wrapped = wrapped + 1
    end
    return wrk.format(nil, nil, { ["Authorization"] = token })
  end
end

function done(summary, latency, requests)
  if not json_file then return end
  local wrapped = 0
  for _, thread in ipairs(threads) do wrapped = wrapped + thread:get("wrapped") end
  local e = summary.errors
  local f = assert(io.open(json_file, "w"))
  -- latency is in microseconds (after wrk's correction for coordinated omission, as it prints them)
  f:write(string.format('{"requests": %.0f, "duration_us": %.0f, "bytes": %.0f, ' ..
      '"latency_us": {"p50": %.0f, "p90": %.0f, "p99": %.0f, "max": %.0f, "mean": %.1f}, ' ..
      '"errors": {"connect": %.0f, "read": %.0f, "write": %.0f, "timeout": %.0f}, "status_4xx_5xx": %.0f, "wrapped": %.0f}\n',
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
      e.connect, e.read, e.write, e.timeout, e.status, wrapped))
  f:close()
end
