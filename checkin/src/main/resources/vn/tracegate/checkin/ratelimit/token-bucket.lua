-- One token bucket, taken atomically. The same arithmetic as vn.tracegate.checkin.ratelimit.TokenBucket
-- (the tested reference): tokens are kept in thousandths as whole numbers, so Lua and Java agree exactly.
-- A function only: the scripts that take a bucket (RateLimiter's, the scan claim's) append their call.
-- key: the bucket (hash: mt = milli-tokens, at = last refill, epoch ms)
-- tokens per second, burst (tokens), now (epoch ms), cost (tokens)
-- Returns {allowed 0|1, retry after ms, milli-tokens left}
local function take_bucket(key, per_second, burst_tokens, now_ms, cost_tokens)
  local rate = tonumber(per_second)
  local burst = tonumber(burst_tokens) * 1000
  local now = tonumber(now_ms)
  local cost = tonumber(cost_tokens) * 1000
  local state = redis.call('HMGET', key, 'mt', 'at')
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
  redis.call('HSET', key, 'mt', string.format('%d', tokens), 'at', string.format('%d', at))
  redis.call('PEXPIRE', key, math.ceil(burst / rate) + 1000)
  return {allowed, wait, tokens}
end
