-- wrk script for the Carbon Ledger service's read API: a bearer token on every request and, since Debian's wrk has
-- no wrk2-style -R option, a pacing delay that holds the request rate near RATE requests/s in total.
--
--   TOKEN=<access token> RATE=500 THREADS=2 wrk -t2 -c32 -d60s --latency -s wrk-paced.lua https://localhost:8443/api/v1/...
--
-- Pacing: each wrk thread owns RATE/THREADS of the rate and hands out send slots 1/(RATE/THREADS) s apart through
-- wrk's delay() hook (called before each request on each connection). A connection whose answer came late takes the
-- next free slot at once, so this is still wrk's closed loop with a schedule on top, not wrk2's open loop: latencies
-- are measured from the actual send, and a stall of the service lowers the achieved rate instead of adding queueing
-- time to the latencies (coordinated omission). Report the achieved rate next to the percentiles. Without RATE, no
-- pacing: wrk's plain maximum-throughput loop.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } cl_timespec;
  int clock_gettime(int clk_id, cl_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("cl_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

-- TOKEN is required by the authenticated read API, absent for the anonymous passport routes (PUBLIC=1).
local token = os.getenv("TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
elseif os.getenv("PUBLIC") ~= "1" then
  error("TOKEN (a bearer token of the service) is required, or PUBLIC=1 for anonymous routes")
end
wrk.headers["Accept"] = os.getenv("ACCEPT") or "application/json"
-- The passport's language and validator, as a phone sends them.
if os.getenv("ACCEPT_LANGUAGE") then
  wrk.headers["Accept-Language"] = os.getenv("ACCEPT_LANGUAGE")
end
if os.getenv("GZIP") == "1" then
  wrk.headers["Accept-Encoding"] = "gzip"
end
if os.getenv("IF_NONE_MATCH") then
  wrk.headers["If-None-Match"] = os.getenv("IF_NONE_MATCH")
end

local rate = tonumber(os.getenv("RATE") or "")
local threads = tonumber(os.getenv("THREADS") or "1")
local interval = rate and (1000.0 * threads / rate) or nil
local next_slot = nil

function delay()
  if interval == nil then
    return 0
  end
  local t = now_ms()
  if next_slot == nil or next_slot < t then
    next_slot = t
  end
  local wait = next_slot - t
  next_slot = next_slot + interval
  return math.floor(wait)
end

-- Answers other than 2xx/3xx are counted by wrk itself (summary.errors.status) and printed by done().
function done(summary, latency, requests)
  io.write(string.format("achieved %.1f requests/s; latency ms p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f; errors: connect %d, read %d, write %d, timeout %d, non-2xx/3xx %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
end
