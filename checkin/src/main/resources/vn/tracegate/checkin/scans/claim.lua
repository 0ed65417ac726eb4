-- A scanId's claim and its client's rate-limit token in one round trip (appended to token-bucket.lua).
-- KEYS[1] the scanId's ledger key; KEYS[2] the client's token bucket
-- ARGV: content hash, ledger TTL (s), then the bucket's tokens per second, burst, now (epoch ms), cost
-- Returns {allowed 0|1, retry after ms, the hash the scanId held before or ''}. A refused take
-- claims nothing, so the scan can be sent again once the bucket has refilled.
local bucket = take_bucket(KEYS[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
if bucket[1] == 0 then
  return {0, bucket[2], ''}
end
local previous = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'GET', 'EX', ARGV[2])
return {1, 0, previous or ''}
