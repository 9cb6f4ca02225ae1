#!/usr/bin/env bash
# -----------------------------------------------------------------------------
# run.sh - the whole platform on this machine, no Docker needed.
#
#   1. PostgreSQL, RabbitMQ, Redis on loopback       (deploy/local/infra.sh up)
#   2. build the app host, which builds every service and the gateway
#   3. apply each service's migrations                (`dotnet <service>.dll migrate`)
#   4. the Aspire app host in the foreground: six services (identity among them),
#      the gateway and the dashboard (traces, logs, metrics). Ctrl-C stops all of
#      it; the servers of step 1 keep running (deploy/local/infra.sh down stops them).
#
# Every API needs an access token. The token signing key pair and the local
# administrator's secret (client county-housing-admin) are made once under
# /var/tmp/platform-dev-keys (PLATFORM_DEV_KEYS_DIR); the summary shows how to get
# a token.
#
# Usage: ./run.sh [--demo] [--reset]
#   --demo    once the gateway and the services are ready, seed a demo county
#             through the gateway and register demo clients (deploy/local/DemoSeed;
#             safe to repeat; prints the clients' fresh secrets and writes them to
#             PLATFORM_DEMO_CLIENTS_FILE [<keys dir>/demo-clients.json])
#   --reset   drop the services' local databases first: needed when migrations
#             were rewritten (migrate then fails with "already exists")
#
# Gateway http://127.0.0.1:5000 (docs at /docs); dashboard http://127.0.0.1:18888
# (the login link with its one-run token is printed). Must run as root, like
# infra.sh. deploy/local/smoke.sh checks this script end to end.
# -----------------------------------------------------------------------------
set -euo pipefail

ROOT="$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
cd "${ROOT}"

GATEWAY_URL="http://127.0.0.1:5000"
# Must match deploy/local/AppHost/Properties/launchSettings.json (applicationUrl).
DASHBOARD_URL="http://127.0.0.1:18888"
APPHOST_PROJECT="deploy/local/AppHost"
SEED_PROJECT="deploy/local/DemoSeed/DemoSeed.csproj"
SEED_DLL="deploy/local/DemoSeed/bin/Debug/net10.0/Platform.DemoSeed.dll"
SEED_WAIT_SECONDS="${PLATFORM_SEED_WAIT:-300}"
# name, project folder, assembly: the hosts whose databases run.sh migrates.
SERVICES=(
  "governance services/Governance/Governance.Api Platform.Governance.Api"
  "fees services/Fees/Fees.Api Platform.Fees.Api"
  "funds services/Funds/Funds.Api Platform.Funds.Api"
  "parking services/Parking/Parking.Api Platform.Parking.Api"
  "eldercare services/ElderCare/ElderCare.Api Platform.ElderCare.Api"
  "identity services/Identity/Identity.Api Platform.Identity.Api"
)

log() { printf '[run] %s\n' "$*" >&2; }
die() { printf '[run] ERROR: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '/^# Usage:/,/^#  *were rewritten/{s/^# \{0,1\}//;p}' "$0" >&2; }

DEMO=0
RESET=0
for arg in "$@"; do
  case "${arg}" in
    --demo) DEMO=1 ;;
    --reset) RESET=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage; exit 2 ;;
  esac
done

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/platform-run.XXXXXX")"
SEED_PID=""
cleanup() {
  if [[ -n "${SEED_PID}" ]] && kill -0 "${SEED_PID}" 2>/dev/null; then
    kill -TERM "${SEED_PID}" 2>/dev/null || true
    wait "${SEED_PID}" 2>/dev/null || true
  fi
  rm -rf "${WORK_DIR}"
}
trap cleanup EXIT

# --- 1. infrastructure ----------------------------------------------------------

started=${SECONDS}
# `up` prints the export lines on stdout (discarded here: `env` prints the same).
deploy/local/infra.sh up >/dev/null
eval "$(deploy/local/infra.sh env)"

# Token signing keys for local runs: made once, kept outside the checkout (in Kubernetes they come
# from a Secret). The identity service signs with the private key; every host trusts the public one.
KEYS_DIR="${PLATFORM_DEV_KEYS_DIR:-/var/tmp/platform-dev-keys}"
if [[ ! -f "${KEYS_DIR}/signing-key.pem" ]]; then
  log "making a development token signing key in ${KEYS_DIR}"
  mkdir -p "${KEYS_DIR}" && chmod 700 "${KEYS_DIR}"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "${KEYS_DIR}/signing-key.pem" 2>/dev/null
  openssl pkey -in "${KEYS_DIR}/signing-key.pem" -pubout -out "${KEYS_DIR}/signing-key.pub.pem"
fi
PLATFORM_AUTH_PRIVATE_KEY="$(cat "${KEYS_DIR}/signing-key.pem")"
PLATFORM_AUTH_PUBLIC_KEY="$(cat "${KEYS_DIR}/signing-key.pub.pem")"
export PLATFORM_AUTH_PRIVATE_KEY PLATFORM_AUTH_PUBLIC_KEY

# The housing bureau's local administrator (a bootstrap client of the identity service, made by the app host):
# its secret is made once, next to the keys, and never written into the checkout.
ADMIN_CLIENT_ID="county-housing-admin"
if [[ ! -s "${KEYS_DIR}/admin-secret" ]]; then
  log "making the local administrator's secret in ${KEYS_DIR}/admin-secret"
  (umask 077 && openssl rand -hex 24 >"${KEYS_DIR}/admin-secret")
fi
PLATFORM_DEMO_ADMIN_CLIENT_ID="${ADMIN_CLIENT_ID}"
PLATFORM_DEMO_ADMIN_SECRET="$(tr -d '[:space:]' <"${KEYS_DIR}/admin-secret")"
export PLATFORM_DEMO_ADMIN_CLIENT_ID PLATFORM_DEMO_ADMIN_SECRET
# The demo clients' current secrets, for scripts (deploy/local/smoke.sh passes its own path).
DEMO_CLIENTS_FILE="${PLATFORM_DEMO_CLIENTS_FILE:-${KEYS_DIR}/demo-clients.json}"

# --- 2. build ---------------------------------------------------------------------

log "building the app host, the services and the gateway"
# The app host's project references build every host it runs.
dotnet build "${APPHOST_PROJECT}/AppHost.csproj" -nologo -clp:ErrorsOnly \
  || die "build failed"
if ((DEMO)); then
  dotnet build "${SEED_PROJECT}" -nologo -clp:ErrorsOnly || die "build of the demo seed failed"
fi

# --- 3. databases -----------------------------------------------------------------

# psql with the server of PLATFORM_POSTGRES (an Npgsql "Host=..;Port=..;Username=..;Password=.." string).
psql_admin() {
  local conninfo
  conninfo="$(tr ';' ' ' <<<"${PLATFORM_POSTGRES}" | sed 's/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Password=/password=/')"
  psql -X -q -v ON_ERROR_STOP=1 "${conninfo} dbname=postgres" "$@"
}

if ((RESET)); then
  for entry in "${SERVICES[@]}"; do
    read -r name _ _ <<<"${entry}"
    log "dropping database ${name}"
    psql_admin -c "DROP DATABASE IF EXISTS \"${name}\" WITH (FORCE)"
  done
fi

# Explicit migration (not only MigrateOnStartup) so the demo seed never races a
# half-migrated database. The hosts run from their project folder: that is their
# content root, where appsettings.Development.json lives. In parallel: separate
# databases, and it saves ~10 s on two cores.
log "applying migrations"
pids=()
for entry in "${SERVICES[@]}"; do
  read -r name dir assembly <<<"${entry}"
  (cd "${dir}" && ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development \
    dotnet "bin/Debug/net10.0/${assembly}.dll" migrate) >"${WORK_DIR}/migrate-${name}.log" 2>&1 &
  pids+=("$!")
done
failed=()
for i in "${!SERVICES[@]}"; do
  read -r name _ _ <<<"${SERVICES[$i]}"
  wait "${pids[$i]}" || failed+=("${name}")
done
if ((${#failed[@]})); then
  for name in "${failed[@]}"; do
    log "migration of ${name} failed:"
    tail -n 25 "${WORK_DIR}/migrate-${name}.log" >&2
  done
  die "migrations failed (${failed[*]}); if they were rewritten, start afresh with ./run.sh --reset"
fi
log "databases up to date ($((SECONDS - started)) s so far)"

# --- 4. the app host ----------------------------------------------------------------

# A fresh dashboard login token per run (the dashboard otherwise makes one up and
# only the app host's log shows it).
ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN
DASHBOARD_LOGIN="${DASHBOARD_URL}/login?t=${ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN}"

summary() {
  cat >&2 <<EOF
[run] ------------------------------------------------------------------
[run] gateway    ${GATEWAY_URL}
[run] API docs   ${GATEWAY_URL}/docs
[run] dashboard  ${DASHBOARD_URL}   (log in: ${DASHBOARD_LOGIN})
[run] every API needs a token (15 minutes); the local administrator is ${ADMIN_CLIENT_ID} (secret in ${KEYS_DIR}/admin-secret):
  TOKEN=\$(curl -s -d grant_type=client_credentials -d client_id=${ADMIN_CLIENT_ID} -d client_secret=${PLATFORM_DEMO_ADMIN_SECRET} ${GATEWAY_URL}/connect/token | jq -r .access_token)
  curl -H "Authorization: Bearer \$TOKEN" ${GATEWAY_URL}/api/governance/v1/communities
[run] Ctrl-C stops the app host; deploy/local/infra.sh down stops the servers.
[run] ------------------------------------------------------------------
EOF
}

# Runs in the background while the app host runs in the foreground (so Ctrl-C
# reaches the app host). The seed waits for the gateway itself.
seed_demo() {
  # The administrator's client id and secret reach it in the environment (PLATFORM_DEMO_ADMIN_*), not on the command
  # line; the signing key does not reach it at all.
  env -u PLATFORM_AUTH_PRIVATE_KEY dotnet "${SEED_DLL}" --gateway "${GATEWAY_URL}" --wait "${SEED_WAIT_SECONDS}" \
    --clients-file "${DEMO_CLIENTS_FILE}" &
  local pid=$!
  trap 'kill -TERM "${pid}" 2>/dev/null; exit 143' TERM
  if wait "${pid}"; then
    log "Demo county ready ($((SECONDS - started)) s after start)"
    summary
  else
    log "Demo seed FAILED: the platform keeps running; see the dashboard for the services' logs"
  fi
}

if ((DEMO)); then
  seed_demo &
  SEED_PID=$!
else
  summary
fi

log "starting the app host (Ctrl-C stops it)"
# `dotnet run` applies the launch profile (dashboard URLs, ASPIRE_ALLOW_UNSECURED_TRANSPORT).
# Not in the background and not `exec`: a background job ignores SIGINT in a
# non-interactive shell (so would .NET in it), and the EXIT trap must stop the seed.
dotnet run --project "${APPHOST_PROJECT}" --no-build --launch-profile http
