-- The presence script as it was until session 9 (13 Redis calls for a room change), kept to check
-- that the shorter one gives the same answers and leaves the same keys (PresenceScriptIT).
-- Applies one accepted scan to live presence, atomically.
-- KEYS[1] worker hash  tg:pres:w:<worker>   fields: room, site, at (last applied scan, ms)
-- KEYS[2] place zset   tg:pres:cp:<checkpoint>  member worker, score = since (ms)
-- ARGV: prefix, worker, checkpoint, action (IN|OUT), at ms, gate (1|0), staleBefore ms, ttl s
-- A gate is the site: IN through it leaves any room, OUT through it leaves room and site.
-- A room IN leaves the previous room. A scan older than the last applied one is logged
-- by the caller but does not move presence back in time (returns applied = 0).
-- With KEYS[3] (the visit feed stream) and ARGV[9..11] (max length, scanId, kind), the scan is
-- also added to the feed first, whether or not it moves presence: one round trip for both.
-- Returns { occupancy of KEYS[2], applied }.
local wkey, cpkey = KEYS[1], KEYS[2]
local prefix, worker, cp, action = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local at, gate = tonumber(ARGV[5]), ARGV[6] == '1'
local staleBefore, ttl = tonumber(ARGV[7]), tonumber(ARGV[8])

if KEYS[3] then
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[9], '*',
    's', ARGV[10], 'w', worker, 'c', cp, 'k', ARGV[11], 'a', action, 't', ARGV[5])
end

local applied = 1
local last = redis.call('HGET', wkey, 'at')
if last and tonumber(last) > at then
  applied = 0
else
  local room = redis.call('HGET', wkey, 'room')
  local site = redis.call('HGET', wkey, 'site')
  local function leave_room()
    if room then
      redis.call('ZREM', prefix .. room, worker)
      redis.call('HDEL', wkey, 'room')
    end
  end
  if gate then
    leave_room()
    if site and site ~= cp then
      redis.call('ZREM', prefix .. site, worker)
    end
    if action == 'IN' then
      redis.call('ZADD', cpkey, 'NX', at, worker)
      redis.call('HSET', wkey, 'site', cp)
    else
      redis.call('ZREM', cpkey, worker)
      redis.call('HDEL', wkey, 'site')
    end
  elseif action == 'IN' then
    if room ~= cp then
      leave_room()
      redis.call('ZADD', cpkey, at, worker)
      redis.call('HSET', wkey, 'room', cp)
    end
  elseif room == cp then
    leave_room()
  end
  redis.call('HSET', wkey, 'at', at)
  redis.call('EXPIRE', wkey, ttl)
end
redis.call('ZREMRANGEBYSCORE', cpkey, '-inf', '(' .. staleBefore)
redis.call('EXPIRE', cpkey, ttl)
return { redis.call('ZCARD', cpkey), applied }
