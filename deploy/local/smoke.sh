#!/usr/bin/env bash
# -----------------------------------------------------------------------------
# deploy/local/smoke.sh - proves "./run.sh --demo brings up the gateway, the
# local administrator gets a token, and curl through the gateway lists the demo
# communities; a property company sees only its own; no token, no answer".
#
# Starts ./run.sh --demo in a session of its own, waits (bounded) until the demo
# seed is done, then through the gateway with curl:
#   - an anonymous GET /api/governance/v1/communities is 401;
#   - the administrator (county-housing-admin, its secret from the keys dir that
#     run.sh made) gets a token at /connect/token and lists at least 3 communities;
#   - each demo partner client (the seed writes them with their fresh secrets to
#     <keys dir>/demo-clients.json) gets a token and lists exactly its
#     communities: a township those in it, a property company those it serves.
# Then it stops everything it started and checks that no platform port
# (5000-5152, 18888-18890) is still open.
#
# Usage: deploy/local/smoke.sh        exit 0: passed, 1: failed
# Environment: SMOKE_TIMEOUT  seconds to wait for the communities [300]
#              SMOKE_LOG      where run.sh's output goes [a temporary file,
#                             kept and named when the smoke test fails]
#              PLATFORM_DEV_KEYS_DIR, PLATFORM_DEMO_CLIENTS_FILE  as for run.sh:
#                             where the administrator's secret and the demo
#                             clients are [/var/tmp/platform-dev-keys]
# Must run as root (run.sh starts the servers with infra.sh). The servers of
# infra.sh stay up afterwards, as they were before or as run.sh left them.
# -----------------------------------------------------------------------------
set -euo pipefail

ROOT="$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)"
GATEWAY_URL="http://127.0.0.1:5000"
COMMUNITIES_URL="${GATEWAY_URL}/api/governance/v1/communities"
TIMEOUT="${SMOKE_TIMEOUT:-300}"
STOP_TIMEOUT=90
LOG="${SMOKE_LOG:-$(mktemp "${TMPDIR:-/tmp}/platform-smoke.XXXXXX")}"
ADMIN_CLIENT_ID="county-housing-admin"
KEYS_DIR="${PLATFORM_DEV_KEYS_DIR:-/var/tmp/platform-dev-keys}"
ADMIN_SECRET_FILE="${KEYS_DIR}/admin-secret"
# Where this run's seed writes the demo clients with their fresh secrets (run.sh's default).
CLIENTS_FILE="${PLATFORM_DEMO_CLIENTS_FILE:-${KEYS_DIR}/demo-clients.json}"
# Made now: a clients file newer than this one is this run's.
STARTED_MARK="$(mktemp "${TMPDIR:-/tmp}/platform-smoke-start.XXXXXX")"

log() { printf '[smoke] %s\n' "$*" >&2; }

# Listening sockets on the platform's ports: gateway and services 5000-5152, dashboard 18888-18890.
platform_listeners() {
  ss -ltnpH | awk '{ n = split($4, a, ":"); p = a[n] + 0; if ((p >= 5000 && p <= 5152) || (p >= 18888 && p <= 18890)) print }'
}

# An access token for a client (client credentials through the gateway), or nothing. The secret goes to curl on
# stdin, not on its command line.
token_for() {
  local client_id="$1" secret="$2"
  printf 'client_secret=%s' "${secret}" \
    | curl -sS --max-time 10 -d grant_type=client_credentials -d "client_id=${client_id}" -d @- "${GATEWAY_URL}/connect/token" 2>/dev/null \
    | jq -r '.access_token // empty' 2>/dev/null || true
}

# GET the communities with a token; prints the JSON, fails unless 200.
communities_with() {
  curl -fsS --max-time 10 -H "Authorization: Bearer $1" "${COMMUNITIES_URL}" 2>/dev/null
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
  rm -f "${STARTED_MARK}"
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
  if grep -q "Demo county ready" "${LOG}" && [[ -s "${ADMIN_SECRET_FILE}" && "${CLIENTS_FILE}" -nt "${STARTED_MARK}" ]] \
    && admin_token="$(token_for "${ADMIN_CLIENT_ID}" "$(tr -d '[:space:]' <"${ADMIN_SECRET_FILE}")")" && [[ -n "${admin_token}" ]] \
    && communities="$(communities_with "${admin_token}")" \
    && [[ "$(jq 'length' <<<"${communities}" 2>/dev/null || echo 0)" -ge 3 ]]; then
    break
  fi
  ((SECONDS < deadline)) || fail "no demo communities through the gateway with the administrator's token after ${TIMEOUT} s"
  sleep 2
done
find_dcp_sessions

log "${ADMIN_CLIENT_ID}'s token lists $(jq 'length' <<<"${communities}") communities after $((SECONDS - started)) s:"
jq -r '.[] | "  \(.name)  star level \(.starLevel)\(if .isOldCommunity then ", old community" else "" end), property company \(.propertyCompanyId // "none")"' \
  <<<"${communities}" >&2

# No token: 401 from the gateway.
anonymous="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "${COMMUNITIES_URL}" || true)"
[[ "${anonymous}" == 401 ]] || fail "GET ${COMMUNITIES_URL} without a token answered ${anonymous}, not 401"
log "without a token: 401"

# Each partner client sees exactly its communities: a township those in it, a property company those it serves.
partners="$(jq -c '.clients[] | select(.organisationType == "township" or .organisationType == "property-company")' "${CLIENTS_FILE}")"
grep -q '"property-company"' <<<"${partners}" || fail "${CLIENTS_FILE} names no property-company client"
while IFS= read -r client; do
  id="$(jq -r .clientId <<<"${client}")"
  type="$(jq -r .organisationType <<<"${client}")"
  org="$(jq -r .organisationId <<<"${client}")"
  field="$([[ "${type}" == township ]] && echo townshipId || echo propertyCompanyId)"
  expected="$(jq -c --arg org "${org}" --arg field "${field}" '[.[] | select(.[$field] == $org) | .id] | sort' <<<"${communities}")"
  token="$(token_for "${id}" "$(jq -r .clientSecret <<<"${client}")")"
  [[ -n "${token}" ]] || fail "no token for the demo client ${id} with the secret in ${CLIENTS_FILE}"
  own="$(communities_with "${token}")" || fail "GET ${COMMUNITIES_URL} with ${id}'s token failed"
  seen="$(jq -c '[.[].id] | sort' <<<"${own}")"
  if [[ "${seen}" != "${expected}" || "$(jq length <<<"${seen}")" -lt 1 ]] \
    || [[ "$(jq length <<<"${seen}")" -ge "$(jq length <<<"${communities}")" ]]; then
    fail "${id} (${type} ${org}) lists ${seen}, expected exactly ${expected}"
  fi
  log "${id} (${type}) lists only its $(jq length <<<"${seen}"): $(jq -r '[.[].name] | join(", ")' <<<"${own}")"
done <<<"${partners}"
result=0
