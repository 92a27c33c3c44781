-- Stores one absolute window aggregate and keeps the 'latest' entry monotonic, atomically.
-- KEYS[1]: the counter hash.
-- ARGV: windowStart (epoch ms), value, windowEnd (epoch ms), count ('' if none), ttl ms (0 = no expiry).
-- Returns 1 when stored, 0 when the window is older than the retention behind the newest window.
local windowStart = tonumber(ARGV[1])
local ttl = tonumber(ARGV[5])
local latest = tonumber(redis.call('HGET', KEYS[1], 'latest.windowStart'))
if latest ~= nil and ttl > 0 and windowStart < latest - ttl then
  return 0
end
if latest == nil or windowStart >= latest then
  -- One HSET for the window and the 'latest' entry: the common case costs three commands in all.
  if ARGV[4] ~= '' then
    redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], 'latest', ARGV[2], 'latest.windowStart', ARGV[1],
      'latest.windowEnd', ARGV[3], 'latest.count', ARGV[4])
  else
    redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], 'latest', ARGV[2], 'latest.windowStart', ARGV[1],
      'latest.windowEnd', ARGV[3])
    redis.call('HDEL', KEYS[1], 'latest.count')
  end
  -- Prune only when a newer window starts, so steady updates of one window cost no scan.
  if ttl > 0 and latest ~= nil and windowStart > latest then
    for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
      local start = tonumber(field)
      if start ~= nil and start < windowStart - ttl then
        redis.call('HDEL', KEYS[1], field)
      end
    end
  end
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return 1
