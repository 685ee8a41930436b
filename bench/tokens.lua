-- wrk script of bench/run: every request carries the next token of a file (one per line), each wrk
-- thread walking its own share of the file, so with enough tokens no token is ever sent twice.
-- wrk -tT ... -s bench/tokens.lua <url> -- <token-file> T ; prints "wrapped N" when a share was exhausted.
local threads = {}
local count = 0

function setup(thread)
  thread:set("id", count)
  table.insert(threads, thread)
  count = count + 1
end

function init(args)
  local all = {}
  for line in io.lines(args[1]) do
    if #line > 0 then all[#all + 1] = line end
  end
  tokens = {}
  local nthreads = tonumber(args[2])
  for i = 1, #all do
    if (i - 1) % nthreads == id then tokens[#tokens + 1] = "Bearer " .. all[i] end
  end
  next_token = 1
  wrapped = 0
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

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("wrapped") end
  io.write(string.format("wrapped %d\n", total))
end
