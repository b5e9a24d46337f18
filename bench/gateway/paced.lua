-- wrk script: each connection waits a random 0..2×interval ms before each request (interval is the first argument
-- after "--"), so the connections send independently of each other rather than in step, and the request rate is
-- about connections × 1000 / (interval + latency). Latency is measured from sending to the answer, as always in wrk.
local interval = 10

function init(args)
  interval = tonumber(args[1]) or interval
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function delay()
  return math.random(0, 2 * interval)
end
