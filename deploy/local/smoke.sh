#!/usr/bin/env bash
# -----------------------------------------------------------------------------
# deploy/local/smoke.sh - proves "./run.sh --demo brings up the gateway, and
# curl through it lists the demo communities".
#
# Starts ./run.sh --demo in a session of its own, waits (bounded) until the demo
# seed is done and `curl` through the gateway lists at least 3 communities,
# prints them, then stops everything it started and checks that no platform
# port (5000-5142, 18888-18890) is still open.
#
# Usage: deploy/local/smoke.sh        exit 0: passed, 1: failed
# Environment: SMOKE_TIMEOUT  seconds to wait for the communities [240]
#              SMOKE_LOG      where run.sh's output goes [a temporary file,
#                             kept and named when the smoke test fails]
# Must run as root (run.sh starts the servers with infra.sh). The servers of
# infra.sh stay up afterwards, as they were before or as run.sh left them.
# -----------------------------------------------------------------------------
set -euo pipefail

ROOT="$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)"
GATEWAY_URL="http://127.0.0.1:5000"
TIMEOUT="${SMOKE_TIMEOUT:-240}"
STOP_TIMEOUT=90
LOG="${SMOKE_LOG:-$(mktemp "${TMPDIR:-/tmp}/platform-smoke.XXXXXX")}"

log() { printf '[smoke] %s\n' "$*" >&2; }

# Listening sockets on the platform's ports: services 5000-5142, dashboard 18888-18890.
platform_listeners() {
  ss -ltnpH | awk '{ n = split($4, a, ":"); p = a[n] + 0; if ((p >= 5000 && p <= 5142) || (p >= 18888 && p <= 18890)) print }'
}

RUN_PID=""
DCP_SIDS=""
# Everything we started: run.sh's process group (run.sh, dotnet run, the app host,
# the seed) and the sessions of DCP, Aspire's orchestrator, which detaches from
# the app host and runs the services and the dashboard in its own session.
our_processes() {
  {
    [[ -n "${RUN_PID}" ]] && pgrep -g "${RUN_PID}" || true
    [[ -n "${DCP_SIDS}" ]] && pgrep -s "${DCP_SIDS}" || true
  } | sort -u
}

# DCP's processes carry the app host's kubeconfig path, unique to this run.
find_dcp_sessions() {
  local kubeconfig pids
  kubeconfig="$(grep -o -- '--kubeconfig "[^"]*"' "${LOG}" | head -n1 | cut -d'"' -f2 || true)"
  [[ -n "${kubeconfig}" ]] || return 0
  pids="$(pgrep -f -- "${kubeconfig}" | tr '\n' ',' | sed 's/,$//' || true)"
  [[ -n "${pids}" ]] || return 0
  DCP_SIDS="$(ps -o sid= -p "${pids}" | tr -d ' ' | sort -u | tr '\n' ',' | sed 's/,$//')"
}

stop_everything() {
  [[ -n "${RUN_PID}" ]] || return 0
  find_dcp_sessions
  local begun=${SECONDS}
  # SIGTERM, not SIGINT: a job started in the background by a script ignores SIGINT.
  # The app host then stops the services and the dashboard through DCP.
  kill -TERM -- "-${RUN_PID}" 2>/dev/null || true
  while [[ -n "$(our_processes)" || -n "$(platform_listeners)" ]]; do
    if ((SECONDS - begun >= STOP_TIMEOUT)); then
      log "still running after ${STOP_TIMEOUT} s, killing: $(our_processes | tr '\n' ' ')"
      our_processes | xargs -r kill -KILL 2>/dev/null || true
      sleep 2
      break
    fi
    sleep 1
  done
  wait "${RUN_PID}" 2>/dev/null || true
  log "stopped everything in $((SECONDS - begun)) s"
  RUN_PID=""
}

result=1
finish() {
  stop_everything
  local left
  left="$(platform_listeners)"
  if [[ -n "${left}" ]]; then
    log "FAILED: still listening after the stop:"
    printf '%s\n' "${left}" >&2
    result=1
  fi
  if ((result == 0)); then
    [[ -n "${SMOKE_LOG:-}" ]] || rm -f "${LOG}"
    log "PASSED"
  else
    log "FAILED (run.sh output: ${LOG})"
  fi
  exit "${result}"
}
trap finish EXIT
trap 'exit 1' INT TERM

fail() {
  log "$*"
  log "last lines of run.sh:"
  tail -n 40 "${LOG}" | sed 's/^/  | /' >&2
  exit 1
}

if [[ -n "$(platform_listeners)" ]]; then
  log "platform ports are taken already (stop what runs there first):"
  platform_listeners >&2
  exit 1
fi

started=${SECONDS}
log "starting ./run.sh --demo (output: ${LOG}; up to ${TIMEOUT} s)"
# setsid: a session and process group of its own, so the whole tree stops with one signal.
setsid "${ROOT}/run.sh" --demo >"${LOG}" 2>&1 </dev/null &
RUN_PID=$!

deadline=$((started + TIMEOUT))
communities=""
while :; do
  kill -0 "${RUN_PID}" 2>/dev/null || fail "run.sh exited early"
  grep -qi "demo seed failed" "${LOG}" && fail "the demo seed failed"
  if grep -q "Demo county ready" "${LOG}" \
    && communities="$(curl -fsS --max-time 10 "${GATEWAY_URL}/api/governance/v1/communities" 2>/dev/null)" \
    && [[ "$(jq 'length' <<<"${communities}" 2>/dev/null || echo 0)" -ge 3 ]]; then
    break
  fi
  ((SECONDS < deadline)) || fail "no demo communities through the gateway after ${TIMEOUT} s"
  sleep 2
done
find_dcp_sessions

log "curl ${GATEWAY_URL}/api/governance/v1/communities lists $(jq 'length' <<<"${communities}") communities after $((SECONDS - started)) s:"
jq -r '.[] | "  \(.name)  star level \(.starLevel)\(if .isOldCommunity then ", old community" else "" end), property company \(.propertyCompanyId // "none")"' \
  <<<"${communities}" >&2
result=0
