"""The gate's arithmetic (`_gate_math.py`) as one Lua script, so that every step runs
atomically inside Redis (or Valkey) on the server's clock. Kept line for line beside the
Python: tests/test_shared_gate.py runs both on the same steps and compares them.

KEYS: state (hash), leases (zset lease -> expiry), sent and admitted (zsets serial -> time),
owners (zset process -> last beat). ARGV: op, now ("" = the server's TIME), lease seconds,
the number of ceilings and (name, rate, burst) for each, then the op's own arguments.
"""

GATE_LUA = r"""
local NEG = -math.huge
local BETA, RECOVERY, PROBE_REQ, PROBE_GROWTH = 0.7, 20.0, 100.0, 0.03
local MIN_RATE, WINDOW, MIN_SPAN, LOG_S = 1 / 60, 2.0, 0.25, 120.0
local MARGIN, TTL, MAX_PAUSE, CATCH_UP, OWNER_SEEN = 0.97, 600.0, 60.0, 0.5, 30.0

local function fmt(x) return string.format('%.17g', x) end
local function g(s, k, d) local v = s[k]; if v == nil then return d end; return v end
local function arg(i)
  local v = ARGV[i]; if v == nil or v == '' then return nil end; return tonumber(v)
end

local now = arg(2)
if now == nil then local t = redis.call('TIME'); now = tonumber(t[1]) + tonumber(t[2]) / 1e6 end
local lease_s = arg(3)
local CEIL, n = {}, tonumber(ARGV[4])
for i = 1, n do
  local rate, burst = tonumber(ARGV[3 + 3 * i]), tonumber(ARGV[4 + 3 * i])
  CEIL[i] = {name = ARGV[2 + 3 * i], rate = rate, interval = 1 / rate, tol = (burst - 1) / rate}
end
local A = 5 + 3 * n  -- the op's first argument

local function load()
  local flat = redis.call('HGETALL', KEYS[1])
  local s = {tats = {}}
  for i = 1, #flat, 2 do
    local k, v = flat[i], tonumber(flat[i + 1])
    if string.sub(k, 1, 4) == 'tat:' then s.tats[string.sub(k, 5)] = v else s[k] = v end
  end
  return s, #flat > 0
end

local function save(s)
  local out = {}
  for k, v in pairs(s) do
    if k == 'tats' then
      for name, t in pairs(v) do out[#out + 1] = 'tat:' .. name; out[#out + 1] = fmt(t) end
    elseif v ~= NEG then out[#out + 1] = k; out[#out + 1] = fmt(v) end
  end
  redis.call('DEL', KEYS[1])
  if #out > 0 then redis.call('HSET', KEYS[1], unpack(out)) end
end

local function ceiling(s)
  local c = nil
  for _, cl in ipairs(CEIL) do if c == nil or cl.rate < c then c = cl.rate end end
  if s.learned ~= nil and now < g(s, 'learned_until', NEG) then
    if c == nil or s.learned < c then c = s.learned end
  end
  return c
end

local function rate(s)
  if s.cut_at == nil then return nil end
  local since, k, w_max = now - s.cut_at, g(s, 'k', 0), g(s, 'w_max', 0)
  local grown
  if since < k then
    grown = w_max - (w_max - g(s, 'w_min', 0)) * ((k - since) / k) ^ 3
  else
    grown = w_max * (1 + PROBE_GROWTH * ((since - k) * w_max / PROBE_REQ) ^ 3)
  end
  grown = math.max(MIN_RATE, grown)
  local c = ceiling(s)
  if c ~= nil then return math.min(grown, c) end
  return grown
end

local function sanitize(s)
  for _, cl in ipairs(CEIL) do
    local limit = now + cl.tol + cl.interval
    if (s.tats[cl.name] or NEG) > limit then s.tats[cl.name] = limit end
  end
  s.blocked_until = math.min(g(s, 'blocked_until', NEG), now + MAX_PAUSE)
  s.pace_tat = math.min(g(s, 'pace_tat', NEG), now + 1 / MIN_RATE)
  if s.cut_at ~= nil and s.cut_at > now then s.cut_at = now end
  if g(s, 'learned_until', NEG) > now + TTL then s.learned_until = now + TTL end
end

local function state(seed_rate)
  local s, found = load()
  if not found then  -- new, or lost in a restart: no burst, the pace the caller knew
    for _, cl in ipairs(CEIL) do s.tats[cl.name] = now + cl.tol end
    if seed_rate ~= nil then s.cut_at, s.w_max, s.w_min, s.k = now, seed_rate, seed_rate, 0 end
  else
    sanitize(s)
  end
  return s
end

local function count(key, after, upto)
  return redis.call('ZCOUNT', key, '(' .. fmt(after), fmt(upto))
end

local function held()
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. fmt(now))
  return redis.call('ZRANGE', KEYS[2], 0, -1)
end

local function measured(s, sent_at)
  local first = math.max(g(s, 'resumed_at', NEG), s.first_sent or sent_at)
  local span = math.min(WINDOW, math.max(MIN_SPAN, sent_at - first))
  return count(KEYS[3], sent_at - span, sent_at) / span
end

local function admitted(s, base)
  local window = math.min(LOG_S / 2, math.max(WINDOW, 10.0 / base))
  if s.first_sent == nil or now - s.first_sent < window then return 0 end
  return count(KEYS[4], now - window, now) / window
end

local function pause_for(retry_after, trust, fallback)
  local p
  if retry_after == nil then p = fallback
  elseif retry_after == math.floor(retry_after) and not trust then
    p = math.max(retry_after - 1, fallback)
  else p = retry_after end
  return math.min(math.max(p, 0), MAX_PAUSE)
end

local function pause(s, seconds)
  s.blocked_until = math.max(g(s, 'blocked_until', NEG), now + seconds)
  s.resumed_at = s.blocked_until
  s.probe_next = 1
end

local function cut(s, sent_at, retry_after, newly)
  local current, c = rate(s), ceiling(s)
  local base, new, plateau
  if newly and c ~= nil and (current == nil or current >= c) then
    base, new, plateau = c, c, c
  else
    local m = measured(s, sent_at)
    if current == nil then
      if c == nil then base = m else base = c end
    else
      base = math.min(current, math.max(m, MIN_RATE))
    end
    if c ~= nil then base = math.min(base, c) end
    base = math.max(base, MIN_RATE)
    local a = admitted(s, base)
    if a > 0 and a < base then
      new = math.max(MIN_RATE, a * MARGIN); plateau = new
    else
      new, plateau = math.max(MIN_RATE, base * BETA), math.max(base, current or base)
    end
  end
  s.w_max, s.w_min = plateau, new
  if new >= plateau then s.k = 0 else s.k = math.min(600, math.max(0.5, RECOVERY / plateau)) end
  s.cut_at = now
  s.sent_before_cut = g(s, 'serial', 0)
  s.cuts = g(s, 'cuts', 0) + 1
  s.probe_failures = 0
  local p = pause_for(retry_after, false, 1 / new)
  pause(s, p)
  s.pace_tat = math.max(now, s.blocked_until)
  local how = 'no pause'
  if p ~= 0 then how = string.format('paused %.3g s', p) end
  return string.format('429 from the server: pace %.3g requests/s (was %.3g), ', new, base) .. how
end

local op = ARGV[1]
if op == 'acquire' then
  local concurrency, lease_owner, seed = tonumber(ARGV[A]), ARGV[A + 1], arg(A + 2)
  local s = state(seed)
  local leases = held()
  if #leases >= concurrency then return {'busy'} end
  local probe = g(s, 'probe_serial', 0)
  for _, lease in ipairs(leases) do
    if tonumber(string.match(lease, ':(%d+)$')) == probe then return {'busy'} end
  end
  local at = math.max(now, g(s, 'blocked_until', NEG))
  for _, cl in ipairs(CEIL) do at = math.max(at, (s.tats[cl.name] or NEG) - cl.tol) end
  local r = rate(s)
  local pacing = r ~= nil
  if pacing then for _, cl in ipairs(CEIL) do if not (r < cl.rate) then pacing = false end end end
  if pacing then at = math.max(at, g(s, 'pace_tat', NEG)) end
  if at > now then save(s); return {'wait', fmt(at - now)} end
  for _, cl in ipairs(CEIL) do
    s.tats[cl.name] = math.max(s.tats[cl.name] or NEG, now) + cl.interval
  end
  r = rate(s)
  if pacing and r ~= nil then
    local interval, tat = 1 / r, g(s, 'pace_tat', NEG)
    local start = now
    if now - tat < interval then start = math.max(tat, now - CATCH_UP * interval) end
    s.pace_tat = start + interval
  end
  s.serial = g(s, 'serial', 0) + 1
  if s.first_sent == nil then s.first_sent = now end
  if g(s, 'probe_next', 0) ~= 0 then s.probe_next = 0; s.probe_serial = s.serial end
  redis.call('ZADD', KEYS[3], now, s.serial)
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. fmt(now - LOG_S))
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', '(' .. fmt(now - LOG_S))
  local lease = lease_owner .. ':' .. s.serial
  redis.call('ZADD', KEYS[2], now + lease_s, lease)
  save(s)
  local shown = ''
  if r ~= nil then shown = fmt(r) end
  return {'ok', s.serial, fmt(now), lease, shown}
elseif op == 'release' then
  local lease, serial, sent_at = ARGV[A], tonumber(ARGV[A + 1]), tonumber(ARGV[A + 2])
  local status, retry_after, learned = arg(A + 3), arg(A + 4), arg(A + 5)
  local gone = redis.call('ZREM', KEYS[2], lease)
  if gone == 0 and status == nil then return '' end
  local s = state(nil)
  local was_probe = serial == g(s, 'probe_serial', 0)
  if was_probe then s.probe_serial = 0 end
  if status ~= 429 then
    if was_probe then s.probe_failures = 0 end
    if status ~= nil then redis.call('ZADD', KEYS[4], now, serial) end
    save(s)
    return ''
  end
  s.throttled = g(s, 'throttled', 0) + 1
  local newly = false
  if learned ~= nil then
    local old = s.learned or 0
    newly = s.learned == nil or now >= g(s, 'learned_until', NEG)
    newly = newly or math.abs(learned - old) > 1e-9 * math.max(math.abs(learned), math.abs(old))
    s.learned, s.learned_until = learned, now + TTL
  end
  local change = ''
  if was_probe then
    s.probe_failures = g(s, 'probe_failures', 0) + 1
    local r = rate(s) or MIN_RATE
    pause(s, pause_for(retry_after, true, math.min(MAX_PAUSE, 2 ^ s.probe_failures / r)))
  elseif serial > g(s, 'sent_before_cut', 0) then
    change = cut(s, sent_at, retry_after, newly)
  end
  save(s)
  return change
elseif op == 'renew' then
  local owner = ARGV[A]
  for i = A + 1, #ARGV do redis.call('ZADD', KEYS[2], 'XX', now + lease_s, ARGV[i]) end
  redis.call('ZADD', KEYS[5], now, owner)
  redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', '(' .. fmt(now - OWNER_SEEN))
  return redis.call('ZCARD', KEYS[5])
elseif op == 'snapshot' then
  local s = state(nil)
  local r, c = rate(s), ceiling(s)
  local rs, cs = '', ''
  if r ~= nil then rs = fmt(r) end
  if c ~= nil then cs = fmt(c) end
  return {rs, cs, #held(), g(s, 'serial', 0), g(s, 'throttled', 0), g(s, 'cuts', 0)}
elseif op == 'state' then
  local s = load()
  local out = {}
  for k, v in pairs(s) do
    if k == 'tats' then
      for name, t in pairs(v) do out[#out + 1] = 'tat:' .. name; out[#out + 1] = fmt(t) end
    else out[#out + 1] = k; out[#out + 1] = fmt(v) end
  end
  return out
end
return redis.error_reply('unknown op ' .. tostring(op))
"""
