-- One token bucket, taken atomically. The same arithmetic as vn.tracegate.checkin.ratelimit.TokenBucket
-- (the tested reference): tokens are kept in thousandths as whole numbers, so Lua and Java agree exactly.
-- KEYS[1] the bucket (hash: mt = milli-tokens, at = last refill, epoch ms)
-- ARGV: tokens per second, burst (tokens), now (epoch ms), cost (tokens)
-- Returns {allowed 0|1, retry after ms, milli-tokens left}
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2]) * 1000
local now = tonumber(ARGV[3])
local cost = tonumber(ARGV[4]) * 1000
local state = redis.call('HMGET', KEYS[1], 'mt', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
if now > at then
  tokens = math.min(burst, tokens + math.floor((now - at) * rate))
  at = now
end
local allowed = 0
local wait = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
else
  wait = math.ceil((cost - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'mt', string.format('%d', tokens), 'at', string.format('%d', at))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
return {allowed, wait, tokens}
