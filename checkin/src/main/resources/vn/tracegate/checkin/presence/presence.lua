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
-- The worker's fields are read in one HMGET and written in one HSET (and at most one HDEL), and
-- numbers go back to Redis as the strings they came in (a Lua number is formatted with printf).
-- Under load each call in here costs Redis 1.5-9 us, and running the script at all ~40 us more:
-- a scan's Redis time is set by how many scripts it runs (README, Performance, session 9).
local wkey, cpkey = KEYS[1], KEYS[2]
local prefix, worker, cp, action = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local at_text, gate = ARGV[5], ARGV[6] == '1'
local at = tonumber(at_text)
local ttl = ARGV[8]

if KEYS[3] then
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[9], '*',
    's', ARGV[10], 'w', worker, 'c', cp, 'k', ARGV[11], 'a', action, 't', at_text)
end

local applied = 1
local state = redis.call('HMGET', wkey, 'at', 'room', 'site')
local last, room, site = state[1], state[2], state[3]
if last and tonumber(last) > at then
  applied = 0
else
  -- The fields this scan leaves the worker with: a field set here is not also deleted.
  local new_room, new_site = room, site
  local function leave_room()
    if room then
      redis.call('ZREM', prefix .. room, worker)
      new_room = false
    end
  end
  if gate then
    leave_room()
    if site and site ~= cp then
      redis.call('ZREM', prefix .. site, worker)
    end
    if action == 'IN' then
      redis.call('ZADD', cpkey, 'NX', at_text, worker)
      new_site = cp
    else
      redis.call('ZREM', cpkey, worker)
      new_site = false
    end
  elseif action == 'IN' then
    if room ~= cp then
      leave_room()
      redis.call('ZADD', cpkey, at_text, worker)
      new_room = cp
    end
  elseif room == cp then
    leave_room()
  end
  local gone = {}
  if room and not new_room then gone[#gone + 1] = 'room' end
  if site and not new_site then gone[#gone + 1] = 'site' end
  if #gone > 0 then
    redis.call('HDEL', wkey, unpack(gone))
  end
  local fields = { 'HSET', wkey, 'at', at_text }
  if new_room and new_room ~= room then
    fields[#fields + 1] = 'room'
    fields[#fields + 1] = new_room
  end
  if new_site and new_site ~= site then
    fields[#fields + 1] = 'site'
    fields[#fields + 1] = new_site
  end
  redis.call(unpack(fields))
  redis.call('EXPIRE', wkey, ttl)
end
redis.call('ZREMRANGEBYSCORE', cpkey, '-inf', '(' .. ARGV[7])
redis.call('EXPIRE', cpkey, ttl)
return { redis.call('ZCARD', cpkey), applied }
