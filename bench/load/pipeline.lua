-- wrk script: sends DEPTH requests back to back on each connection before
-- reading their responses (HTTP/1.1 pipelining). wrk counts every response.
--   wrk -t1 -c64 -d3s -s bench/load/pipeline.lua http://127.0.0.1:PORT/ -- 16
init = function(args)
  local depth = tonumber(args[1]) or 16
  local batch = {}
  for i = 1, depth do
    batch[i] = wrk.format(nil, "/")
  end
  pipelined = table.concat(batch)
end

request = function()
  return pipelined
end
