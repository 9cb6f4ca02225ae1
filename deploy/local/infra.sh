#!/usr/bin/env bash
# -----------------------------------------------------------------------------
# deploy/local/infra.sh - local/CI infrastructure without Docker.
#
# Runs PostgreSQL 15, RabbitMQ 3.10 and Redis 7 from the Debian 12 packages as
# plain processes bound to 127.0.0.1, on our OWN ports and with our OWN data
# directories, so they never clash with the instances the Debian packages
# configure for themselves (postgres cluster 15/main on 5432, redis on 6379,
# rabbit@<host> on 5672/epmd 4369/25672).
#
# Usage: deploy/local/infra.sh <command>
#   up            install missing packages, reserve our ports against outgoing
#                 connections (net.ipv4.ip_local_reserved_ports), start
#                 everything, wait until every service accepts connections,
#                 print the connection settings
#   down          stop everything (idempotent)
#   status        report each service; exit 0 if all run, 3 otherwise
#   env           print `export NAME=value` lines (PLATFORM_POSTGRES is the
#                 tables' owner, PLATFORM_POSTGRES_RUNTIME the role the services
#                 run as; PLATFORM_RABBITMQ_TESTS is the "tests" virtual host
#                 that ./test.sh and bench/ use):
#                   eval "$(deploy/local/infra.sh env)"
#   broker-stop   stop only the RabbitMQ application (rabbitmqctl stop_app);
#                 the Erlang node keeps running, AMQP refuses connections
#   broker-start  start the RabbitMQ application again and wait for AMQP
#   test-users create RUN PASSWORD | delete RUN
#                 per-service broker users "tRUN-<service>" on the tests vhost
#                 and Redis ACL users of the same names, with the services'
#                 own rights (TestKit makes them for each test run; `create`
#                 also drops those of runs older than a day)
#
# Each service has its own broker user and Redis user, named after it
# (password = name, local only; the chart takes real ones from Secrets):
#   broker  write only to its own events' exchanges
#           ("<service>.Platform.Contracts.Events:<Event>") and its own queue;
#           configure/read on every event exchange (it binds its queue to
#           them) and on its own queue. The admin user "platform" also has the
#           impersonator tag, for `redrive-errors` (it keeps user-id).
#   redis   keys "<service>:*" only, plus read-only "identity:revocations:*".
#
# Must run as root (except `env`). Everything printed for humans goes to
# stderr; stdout carries only the `export` lines (of `up` and `env`).
#
# Environment overrides (defaults in brackets):
#   PLATFORM_INFRA_DIR            data dir [/var/tmp/platform-infra-<hash>]
#                                 where <hash> = first 8 hex chars of the
#                                 sha256 of the checkout's absolute path
#   PLATFORM_PG_PORT              PostgreSQL port              [55432]
#   PLATFORM_RABBITMQ_PORT        RabbitMQ AMQP port           [55672]
#   PLATFORM_RABBITMQ_DIST_PORT   Erlang distribution port     [55673]
#   PLATFORM_RABBITMQ_EPMD_PORT   our private epmd port        [55674]
#   PLATFORM_REDIS_PORT           Redis port                   [56379]
#   PLATFORM_INFRA_TIMEOUT        seconds to wait per service  [90]
#   PLATFORM_PG_FAST              1: PostgreSQL without fsync, synchronous_commit
#                                 and full_page_writes (tests only)  [0: durable]
# Use the same overrides for every command (the ports are not persisted).
# -----------------------------------------------------------------------------
set -euo pipefail

# --- locations ----------------------------------------------------------------

# Absolute, symlink-free path of this script and of the checkout
# (deploy/local/infra.sh -> two levels up).
SCRIPT_DIR="$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
SCRIPT_PATH="${SCRIPT_DIR}/$(basename -- "${BASH_SOURCE[0]}")"
CHECKOUT_DIR="$(cd -P -- "${SCRIPT_DIR}/../.." && pwd)"

# Data lives outside the checkout: the checkout may sit below a directory that
# only root can enter, while postgres/rabbitmq/redis run as their own users.
# One data dir per checkout, so several clones on one box do not share state
# (they do share the ports, though - override them to run clones in parallel).
CHECKOUT_HASH="$(printf '%s' "${CHECKOUT_DIR}" | sha256sum | cut -c1-8)"
INFRA_DIR="${PLATFORM_INFRA_DIR:-/var/tmp/platform-infra-${CHECKOUT_HASH}}"

PG_DIR="${INFRA_DIR}/pg"                 # PostgreSQL cluster (owner postgres)
PG_SOCKET_DIR="${INFRA_DIR}/pg-socket"   # unix socket dir (owner postgres)
RMQ_DIR="${INFRA_DIR}/rabbitmq"          # config + pid file (owner rabbitmq)
RMQ_MNESIA_DIR="${RMQ_DIR}/mnesia"       # RabbitMQ database (owner rabbitmq)
RMQ_LOG_DIR="${RMQ_DIR}/log"             # RabbitMQ logs (owner rabbitmq)
REDIS_DIR="${INFRA_DIR}/redis"           # Redis working dir (owner redis)
LOG_DIR="${INFRA_DIR}/logs"              # postgresql.log, redis.log

# --- ports & credentials --------------------------------------------------------

PG_PORT="${PLATFORM_PG_PORT:-55432}"
RMQ_PORT="${PLATFORM_RABBITMQ_PORT:-55672}"
RMQ_DIST_PORT="${PLATFORM_RABBITMQ_DIST_PORT:-55673}"
RMQ_EPMD_PORT="${PLATFORM_RABBITMQ_EPMD_PORT:-55674}"
RMQ_TEST_VHOST="tests"
REDIS_PORT="${PLATFORM_REDIS_PORT:-56379}"
TIMEOUT="${PLATFORM_INFRA_TIMEOUT:-90}"
PG_FAST="${PLATFORM_PG_FAST:-0}"

BIND_ADDR="127.0.0.1"
PG_USER="platform"
PG_PASSWORD="platform"
# The role the services run as (design.md rule 9): it owns nothing; each service's migrations, run as PG_USER (the
# tables' owner), grant it rows. Local only: in Kubernetes every service's Secret names a role of its own.
PG_RUNTIME_USER="platform_runtime"
PG_RUNTIME_PASSWORD="platform_runtime"
RMQ_USER="platform"
RMQ_PASSWORD="platform"
RMQ_NODE="platform@localhost"

# The services with their own broker user (the gateway uses no broker) and those with their own Redis user.
BROKER_SERVICES=(governance fees funds parking eldercare identity)
REDIS_SERVICES=(governance fees funds parking eldercare identity gateway)

PG_BIN="/usr/lib/postgresql/15/bin"
PACKAGES=(postgresql rabbitmq-server redis-server)

# --- small helpers ----------------------------------------------------------------

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

require_root() {
  [[ "$(id -u)" -eq 0 ]] || die "'$1' must run as root (try: sudo $0 $1)"
}

# port_open PORT -> 0 if something accepts TCP connections on 127.0.0.1:PORT.
# Uses bash's /dev/tcp in a subshell so the fd is closed right away.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/${BIND_ADDR}/$1" 2>/dev/null
}

# Our ports lie in Linux's ephemeral range (32768-60999): after a busy run (the
# benchmarks open tens of thousands of connections) an outgoing connection can
# hold one as its local port and the server then cannot bind it. Reserve them
# for listeners only; best effort, since some containers cannot write sysctls.
reserve_ports() {
  local file=/proc/sys/net/ipv4/ip_local_reserved_ports current wanted
  [[ -w "${file}" ]] || return 0
  current="$(cat "${file}")"
  wanted="${PG_PORT},${RMQ_PORT},${RMQ_DIST_PORT},${RMQ_EPMD_PORT},${REDIS_PORT}"
  printf '%s\n' "${current:+${current},}${wanted}" 2>/dev/null > "${file}" \
    || log "cannot reserve ports ${wanted} for the servers (continuing)"
}

# pid_alive PIDFILE COMM -> 0 if the pid in PIDFILE runs and is named COMM
# (guards against stale pid files after a reboot and pid reuse).
pid_alive() {
  local pidfile="$1" comm="$2" pid
  [[ -r "${pidfile}" ]] || return 1
  pid="$(head -n1 "${pidfile}" 2>/dev/null | tr -dc '0-9')"
  [[ -n "${pid}" ]] || return 1
  [[ "$(cat "/proc/${pid}/comm" 2>/dev/null)" == "${comm}" ]]
}

# pid_gone PID -> 0 once process PID has exited.
pid_gone() { [[ ! -e "/proc/$1" ]]; }

# wait_for DESCRIPTION COMMAND... -> polls COMMAND every 0.2 s up to $TIMEOUT s.
wait_for() {
  local what="$1"; shift
  local deadline=$((SECONDS + TIMEOUT))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      log "timed out after ${TIMEOUT}s waiting for ${what}"
      return 1
    fi
    sleep 0.2
  done
}

# as_user USER COMMAND... -> run as a service user. We cd to / first: the
# caller's cwd (inside the checkout) may not be accessible to that user.
# `9>&-`: daemons must not inherit the lock fd (see lock_infra).
as_user() {
  local user="$1"; shift
  (cd / && runuser -u "${user}" -- "$@" 9>&-)
}

# Takes an exclusive lock so that concurrent invocations (parallel CI steps,
# a test calling broker-stop while someone runs up) do not interleave.
# Every command that may spawn a long-lived process (daemons, epmd) closes
# fd 9 (`9>&-`), otherwise that process would hold the lock forever.
lock_infra() {
  mkdir -p "${INFRA_DIR}"
  exec 9>"${INFRA_DIR}/.lock"
  flock -w "${TIMEOUT}" 9 || die "could not lock ${INFRA_DIR}/.lock"
}

# --- package installation -------------------------------------------------------

POLICY_RC_D="/usr/sbin/policy-rc.d"
POLICY_RC_D_CREATED=0

# Removes the temporary policy-rc.d again (only if we created it).
cleanup_policy_rc_d() {
  if ((POLICY_RC_D_CREATED)); then
    rm -f "${POLICY_RC_D}"
    POLICY_RC_D_CREATED=0
  fi
}

ensure_packages() {
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "${pkg}" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("${pkg}")
    fi
  done
  ((${#missing[@]} == 0)) && return 0

  log "installing missing packages: ${missing[*]}"
  # The maintainer scripts start Debian's own default instances through
  # invoke-rc.d / deb-systemd-invoke. A policy-rc.d exiting 101 ("action
  # forbidden") prevents that; we only create it if none exists (Docker-style
  # images already ship one) and remove it again afterwards, even on failure.
  if [[ ! -e "${POLICY_RC_D}" ]]; then
    printf '#!/bin/sh\n# temporary, created by %s\nexit 101\n' "${SCRIPT_PATH}" >"${POLICY_RC_D}"
    chmod 0755 "${POLICY_RC_D}"
    POLICY_RC_D_CREATED=1
    trap cleanup_policy_rc_d EXIT
  fi
  # apt's output goes to stderr: stdout is reserved for the export lines.
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
  cleanup_policy_rc_d
}

# --- data directories -------------------------------------------------------------

prepare_dirs() {
  # The data root is root-owned but traversable, so the service users can
  # reach their own sub folders (which they own).
  mkdir -p "${INFRA_DIR}" "${PG_DIR}" "${PG_SOCKET_DIR}" "${RMQ_MNESIA_DIR}" \
    "${RMQ_LOG_DIR}" "${REDIS_DIR}" "${LOG_DIR}"
  chmod 0755 "${INFRA_DIR}" "${LOG_DIR}"
  chown postgres:postgres "${PG_DIR}" "${PG_SOCKET_DIR}"
  chmod 0700 "${PG_DIR}"   # initdb/postgres insist on 0700 (or 0750)
  chown rabbitmq:rabbitmq "${RMQ_DIR}" "${RMQ_MNESIA_DIR}" "${RMQ_LOG_DIR}"
  chown redis:redis "${REDIS_DIR}"
  # Log files are pre-created and owned by the user that writes them.
  touch "${LOG_DIR}/postgresql.log" "${LOG_DIR}/redis.log"
  chown postgres:postgres "${LOG_DIR}/postgresql.log"
  chown redis:redis "${LOG_DIR}/redis.log"
}

# --- PostgreSQL -------------------------------------------------------------------

pg_running() {
  [[ -f "${PG_DIR}/PG_VERSION" ]] || return 1
  as_user postgres "${PG_BIN}/pg_ctl" status -D "${PG_DIR}" >/dev/null 2>&1
}

# psql as the postgres superuser over our private unix socket (trust auth);
# reads the SQL from stdin.
pg_admin_psql() {
  as_user postgres "${PG_BIN}/psql" -X -q -v ON_ERROR_STOP=1 \
    -h "${PG_SOCKET_DIR}" -p "${PG_PORT}" -U postgres -d postgres -f -
}

pg_up() {
  if [[ ! -f "${PG_DIR}/PG_VERSION" ]]; then
    log "postgres: initdb ${PG_DIR}"
    # Unix socket: trust (only root/postgres can enter the socket dir).
    # TCP on 127.0.0.1: password (scram-sha-256), like a real deployment.
    as_user postgres "${PG_BIN}/initdb" -D "${PG_DIR}" -U postgres \
      --encoding=UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  fi

  if pg_running; then
    log "postgres: already running on ${BIND_ADDR}:${PG_PORT}"
  else
    if port_open "${PG_PORT}"; then die "postgres: port ${PG_PORT} is used by another process"; fi
    log "postgres: starting on ${BIND_ADDR}:${PG_PORT}"
    as_user postgres "${PG_BIN}/pg_ctl" start -w -t "${TIMEOUT}" -D "${PG_DIR}" \
      -l "${LOG_DIR}/postgresql.log" \
      -o "-p ${PG_PORT} -k ${PG_SOCKET_DIR} -c listen_addresses=${BIND_ADDR} -c max_connections=300" \
      >/dev/null || { tail -n 20 "${LOG_DIR}/postgresql.log" >&2; die "postgres: start failed"; }
  fi

  # Durable by default (run.sh, the benchmarks): PostgreSQL's own fsync, synchronous_commit and
  # full_page_writes. Only PLATFORM_PG_FAST=1 (test.sh) turns them off, for throw-away test databases;
  # every `up` applies the choice with a reload, so a later `up` without it makes the server durable again.
  if [[ "${PG_FAST}" == 1 ]]; then
    log "postgres: fast settings (fsync, synchronous_commit, full_page_writes off): PLATFORM_PG_FAST=1, tests only"
    pg_admin_psql <<SQL >/dev/null
ALTER SYSTEM SET fsync = off;
ALTER SYSTEM SET synchronous_commit = off;
ALTER SYSTEM SET full_page_writes = off;
SELECT pg_reload_conf();
SQL
  else
    pg_admin_psql <<SQL >/dev/null
ALTER SYSTEM RESET fsync;
ALTER SYSTEM RESET synchronous_commit;
ALTER SYSTEM RESET full_page_writes;
SELECT pg_reload_conf();
SQL
  fi

  # Superuser for the application (the tables' owner: migrations, tests making databases), plus a
  # database of the same name (Npgsql connects to the database named like the user when none is given),
  # and the runtime role the services connect as, with no right of its own.
  # Re-applied on every `up`: cheap and self-healing.
  pg_admin_psql <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PG_USER}') THEN
    CREATE ROLE ${PG_USER} LOGIN SUPERUSER PASSWORD '${PG_PASSWORD}';
  ELSE
    ALTER ROLE ${PG_USER} LOGIN SUPERUSER PASSWORD '${PG_PASSWORD}';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PG_RUNTIME_USER}') THEN
    CREATE ROLE ${PG_RUNTIME_USER} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD '${PG_RUNTIME_PASSWORD}';
  ELSE
    ALTER ROLE ${PG_RUNTIME_USER} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD '${PG_RUNTIME_PASSWORD}';
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE ${PG_USER} OWNER ${PG_USER}'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${PG_USER}') \gexec
SQL

  # Final check over TCP with the application credentials.
  wait_for "postgres on ${PG_PORT}" \
    env PGPASSWORD="${PG_PASSWORD}" PGCONNECT_TIMEOUT=2 "${PG_BIN}/pg_isready" -q \
    -h "${BIND_ADDR}" -p "${PG_PORT}" -U "${PG_USER}" -d postgres
}

pg_down() {
  if pg_running; then
    log "postgres: stopping"
    as_user postgres "${PG_BIN}/pg_ctl" stop -w -t "${TIMEOUT}" -m fast -D "${PG_DIR}" >/dev/null
  else
    log "postgres: not running"
  fi
}

# --- RabbitMQ ---------------------------------------------------------------------

RMQ_PID_FILE="${RMQ_DIR}/rabbitmq.pid"

# Exports the environment shared by the server AND every CLI call
# (rabbitmqctl), so they agree on node name, epmd port and config. The Debian
# wrappers (/usr/sbin/rabbitmq-server, /usr/sbin/rabbitmqctl) switch to the
# rabbitmq user with `su` (without --login, so these variables survive); its
# HOME is /var/lib/rabbitmq, so both sides use the same cookie
# /var/lib/rabbitmq/.erlang.cookie, created by the package's postinst.
rmq_env() {
  export RABBITMQ_NODENAME="${RMQ_NODE}"
  # Our own (empty) env file: ignore /etc/rabbitmq/rabbitmq-env.conf.
  export RABBITMQ_CONF_ENV_FILE="${RMQ_DIR}/rabbitmq-env.conf"
  export RABBITMQ_CONFIG_FILE="${RMQ_DIR}/rabbitmq.conf"
  export RABBITMQ_ADVANCED_CONFIG_FILE="${RMQ_DIR}/advanced.config"
  export RABBITMQ_ENABLED_PLUGINS_FILE="${RMQ_DIR}/enabled_plugins"
  export RABBITMQ_MNESIA_BASE="${RMQ_MNESIA_DIR}"
  export RABBITMQ_LOG_BASE="${RMQ_LOG_DIR}"
  export RABBITMQ_PID_FILE="${RMQ_PID_FILE}"
  # Erlang distribution: private epmd on loopback + fixed dist port, so we
  # never meet Debian's default node (epmd 4369, dist 25672).
  export RABBITMQ_DIST_PORT="${RMQ_DIST_PORT}"
  export ERL_EPMD_PORT="${RMQ_EPMD_PORT}"
  export ERL_EPMD_ADDRESS="${BIND_ADDR}"
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  # CLI tools are Erlang nodes too; default range is 35672-35682. Use the
  # ten ports after our epmd port instead.
  export RABBITMQ_CTL_DIST_PORT_MIN="$((RMQ_EPMD_PORT + 1))"
  export RABBITMQ_CTL_DIST_PORT_MAX="$((RMQ_EPMD_PORT + 10))"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

# rmqctl ARGS... -> rabbitmqctl against our node, run as root via the Debian
# wrapper with our environment (in a subshell, so nothing leaks).
rmqctl() {
  (rmq_env && cd / && /usr/sbin/rabbitmqctl -q -n "${RMQ_NODE}" "$@" 9>&-)
}

rmq_node_running() { pid_alive "${RMQ_PID_FILE}" beam.smp; }
rmq_amqp_open() { port_open "${RMQ_PORT}"; }
rmq_amqp_closed() { ! port_open "${RMQ_PORT}"; }

rmq_write_config() {
  cat >"${RMQ_DIR}/rabbitmq.conf" <<CONF
# Generated by ${SCRIPT_PATH} - rewritten on every 'up'.
listeners.tcp.default = ${BIND_ADDR}:${RMQ_PORT}
# Only applied when the node boots with an empty database (first 'up').
default_user = ${RMQ_USER}
default_pass = ${RMQ_PASSWORD}
default_vhost = /
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
# The guest-style loopback restriction is irrelevant on 127.0.0.1 anyway.
loopback_users.${RMQ_USER} = false
# Single node; quorum queues work with a one-member cluster.
log.console = false
log.file.level = info
CONF
  # Deliberately empty: the env file replaces /etc/rabbitmq/rabbitmq-env.conf.
  printf '# Generated by %s - intentionally empty.\n' "${SCRIPT_PATH}" >"${RMQ_DIR}/rabbitmq-env.conf"
  # No plugins (no management UI needed).
  printf '[].\n' >"${RMQ_DIR}/enabled_plugins"
  chown rabbitmq:rabbitmq "${RMQ_DIR}/rabbitmq.conf" "${RMQ_DIR}/rabbitmq-env.conf" \
    "${RMQ_DIR}/enabled_plugins"
}

# Waits until AMQP accepts connections; fails fast if the node died.
rmq_wait_amqp() {
  local deadline=$((SECONDS + TIMEOUT))
  until rmq_amqp_open; do
    if ! rmq_node_running; then
      log "rabbitmq: node is not running; last log lines:"
      tail -n 30 "${RMQ_LOG_DIR}/${RMQ_NODE}.log" >&2 2>/dev/null || true
      return 1
    fi
    if ((SECONDS >= deadline)); then
      log "rabbitmq: timed out after ${TIMEOUT}s waiting for AMQP on ${RMQ_PORT}"
      return 1
    fi
    sleep 0.2
  done
}

rmq_up() {
  rmq_write_config
  if rmq_node_running; then
    if rmq_amqp_open; then
      log "rabbitmq: already running on ${BIND_ADDR}:${RMQ_PORT}"
      return 0
    fi
    # Node up but application stopped (e.g. after broker-stop) or still booting.
    log "rabbitmq: node running, starting application"
    rmqctl start_app >/dev/null 2>&1 || true
  else
    local port
    for port in "${RMQ_PORT}" "${RMQ_DIST_PORT}"; do
      if port_open "${port}"; then die "rabbitmq: port ${port} is used by another process"; fi
    done
    rm -f "${RMQ_PID_FILE}"   # stale after a crash/reboot
    log "rabbitmq: starting node ${RMQ_NODE} on ${BIND_ADDR}:${RMQ_PORT}"
    (rmq_env && cd / && /usr/sbin/rabbitmq-server -detached 9>&-) >/dev/null 2>&1 \
      || die "rabbitmq: rabbitmq-server -detached failed"
    # The pid file appears shortly after the detached node came up.
    wait_for "rabbitmq pid file" rmq_node_running \
      || { tail -n 30 "${RMQ_LOG_DIR}/${RMQ_NODE}.log" >&2 2>/dev/null || true; die "rabbitmq: node did not start"; }
  fi
  rmq_wait_amqp || die "rabbitmq: AMQP did not come up"
}

# Tests and benchmarks publish on their own virtual host, so their events never pile up in the
# durable queues a local ./run.sh created on the default one (and the other way round).
rmq_ensure_test_vhost() {
  rmqctl add_vhost "${RMQ_TEST_VHOST}" >/dev/null 2>&1 || true
  rmqctl set_permissions -p "${RMQ_TEST_VHOST}" "${RMQ_USER}" '.*' '.*' '.*' >/dev/null 2>&1 \
    || die "rabbitmq: cannot grant ${RMQ_USER} the ${RMQ_TEST_VHOST} virtual host"
}

# rmq_permissions SERVICE -> "configure write read" regexes of a service's broker user. Its queue is the service's
# name, or "<name>-<hex>" in tests; "_error" is its dead-letter queue. MassTransit declares and binds every event
# exchange a service consumes (configure, read), but only the publisher may write to one.
rmq_permissions() {
  local own="${1}(-[0-9a-f]+)?(_error)?" events='[a-z]+\.Platform\.Contracts\.Events:[A-Za-z]+'
  printf '%s\n' "^(${own}|${events})\$" "^(${own}|${1}\.Platform\.Contracts\.Events:[A-Za-z]+)\$" "^(${own}|${events})\$"
}

# rmq_service_user USER PASSWORD SERVICE VHOST... -> creates or updates USER with SERVICE's rights on each VHOST.
rmq_service_user() {
  local user="$1" password="$2" service="$3" vhost rights; shift 3
  rmqctl add_user "${user}" "${password}" >/dev/null 2>&1 || rmqctl change_password "${user}" "${password}" >/dev/null
  mapfile -t rights < <(rmq_permissions "${service}")
  for vhost in "$@"; do
    rmqctl set_permissions -p "${vhost}" "${user}" "${rights[@]}" >/dev/null \
      || die "rabbitmq: cannot grant ${user} on ${vhost}"
  done
}

rmq_ensure_service_users() {
  local service
  # redrive-errors re-publishes dead-lettered messages with their publisher's user-id.
  rmqctl set_user_tags "${RMQ_USER}" administrator impersonator >/dev/null
  for service in "${BROKER_SERVICES[@]}"; do
    rmq_service_user "${service}" "${service}" "${service}" / "${RMQ_TEST_VHOST}"
  done
}

rmq_down() {
  if rmq_node_running; then
    log "rabbitmq: stopping node ${RMQ_NODE}"
    # `stop <pidfile>` returns once the OS process is gone.
    if ! rmqctl stop "${RMQ_PID_FILE}" >/dev/null 2>&1; then
      log "rabbitmq: rabbitmqctl stop failed, sending SIGTERM"
      local pid
      pid="$(head -n1 "${RMQ_PID_FILE}")"
      kill "${pid}" 2>/dev/null || true
      wait_for "rabbitmq to exit" pid_gone "${pid}" || kill -9 "${pid}" 2>/dev/null || true
    fi
  else
    log "rabbitmq: not running"
  fi
  rm -f "${RMQ_PID_FILE}"
  # The node started a private epmd (on our port); stop it too. Best effort.
  if port_open "${RMQ_EPMD_PORT}"; then
    (rmq_env && epmd -port "${RMQ_EPMD_PORT}" -kill 9>&-) >/dev/null 2>&1 || true
  fi
}

broker_stop() {
  rmq_node_running || die "rabbitmq: node is not running (run 'up' first)"
  log "rabbitmq: stop_app"
  rmqctl stop_app >/dev/null
  # stop_app is synchronous, but be strict: tests rely on AMQP refusing now.
  wait_for "AMQP port ${RMQ_PORT} to close" rmq_amqp_closed
}

broker_start() {
  rmq_node_running || die "rabbitmq: node is not running (run 'up' first)"
  log "rabbitmq: start_app"
  rmqctl start_app >/dev/null
  rmq_wait_amqp || die "rabbitmq: AMQP did not come back"
}

# --- Redis ------------------------------------------------------------------------

REDIS_PID_FILE="${REDIS_DIR}/redis.pid"

redis_running() { pid_alive "${REDIS_PID_FILE}" redis-server; }
redis_ping() { [[ "$(redis-cli -h "${BIND_ADDR}" -p "${REDIS_PORT}" ping 2>/dev/null)" == "PONG" ]]; }

redis_up() {
  if redis_running; then
    log "redis: already running on ${BIND_ADDR}:${REDIS_PORT}"
  else
    if port_open "${REDIS_PORT}"; then die "redis: port ${REDIS_PORT} is used by another process"; fi
    log "redis: starting on ${BIND_ADDR}:${REDIS_PORT}"
    # Pure cache for dev/test: no RDB snapshots, no AOF.
    as_user redis redis-server --port "${REDIS_PORT}" --bind "${BIND_ADDR}" \
      --daemonize yes --dir "${REDIS_DIR}" --save '' --appendonly no \
      --pidfile "${REDIS_PID_FILE}" --logfile "${LOG_DIR}/redis.log" \
      || die "redis: start failed (see ${LOG_DIR}/redis.log)"
  fi
  wait_for "redis on ${REDIS_PORT}" redis_ping \
    || { tail -n 20 "${LOG_DIR}/redis.log" >&2; die "redis: not answering"; }
}

redis_cli() { redis-cli -h "${BIND_ADDR}" -p "${REDIS_PORT}" "$@"; }

# redis_service_user USER PASSWORD SERVICE -> an ACL user for SERVICE's key prefix (every host reads revocations).
redis_service_user() {
  local reply
  reply="$(redis_cli ACL SETUSER "$1" reset on ">$2" "~$3:*" "%R~identity:revocations:*" resetchannels \
    +@all -@admin -@dangerous +info +client\|setname +client\|id)"
  [[ "${reply}" == "OK" ]] || die "redis: cannot create ACL user $1: ${reply}"
}

redis_ensure_service_users() {
  local service
  for service in "${REDIS_SERVICES[@]}"; do redis_service_user "${service}" "${service}" "${service}"; done
}

# test-users: one broker and one Redis user per service for one test run (TestKit), dropped after it.
test_users() {
  local verb="${1:-}" run="${2:-}" password="${3:-}" service user stale now
  [[ "${run}" =~ ^[0-9]+x[0-9a-f]+$ ]] || die "test-users: RUN must look like <unix seconds>x<hex>"
  case "${verb}" in
    create)
      [[ -n "${password}" ]] || die "test-users create: PASSWORD missing"
      now="$(date +%s)"
      for stale in $(rmqctl list_users 2>/dev/null | awk '$1 ~ /^t[0-9]+x[0-9a-f]+-[a-z]+$/ {print $1}'); do
        (( now - ${stale:1:10} > 86400 )) && test_users_drop "${stale}"
      done
      for service in "${REDIS_SERVICES[@]}"; do
        user="t${run}-${service}"
        [[ " ${BROKER_SERVICES[*]} " == *" ${service} "* ]] && rmq_service_user "${user}" "${password}" "${service}" "${RMQ_TEST_VHOST}"
        redis_service_user "${user}" "${password}" "${service}"
      done ;;
    delete)
      for service in "${REDIS_SERVICES[@]}"; do test_users_drop "t${run}-${service}"; done ;;
    *) die "test-users: create RUN PASSWORD | delete RUN" ;;
  esac
}

test_users_drop() {
  rmqctl delete_user "$1" >/dev/null 2>&1 || true
  redis_cli ACL DELUSER "$1" >/dev/null 2>&1 || true
}

redis_down() {
  if redis_running; then
    log "redis: stopping"
    local pid
    pid="$(head -n1 "${REDIS_PID_FILE}")"
    redis-cli -h "${BIND_ADDR}" -p "${REDIS_PORT}" shutdown nosave >/dev/null 2>&1 || true
    wait_for "redis to exit" pid_gone "${pid}" || kill -9 "${pid}" 2>/dev/null || true
  else
    log "redis: not running"
  fi
}

# --- output -----------------------------------------------------------------------

print_env() {
  printf 'export %s="%s"\n' \
    PLATFORM_POSTGRES "Host=${BIND_ADDR};Port=${PG_PORT};Username=${PG_USER};Password=${PG_PASSWORD}" \
    PLATFORM_POSTGRES_RUNTIME "Host=${BIND_ADDR};Port=${PG_PORT};Username=${PG_RUNTIME_USER};Password=${PG_RUNTIME_PASSWORD}" \
    PLATFORM_RABBITMQ "amqp://${RMQ_USER}:${RMQ_PASSWORD}@${BIND_ADDR}:${RMQ_PORT}/" \
    PLATFORM_RABBITMQ_TESTS "amqp://${RMQ_USER}:${RMQ_PASSWORD}@${BIND_ADDR}:${RMQ_PORT}/${RMQ_TEST_VHOST}" \
    PLATFORM_REDIS "${BIND_ADDR}:${REDIS_PORT}" \
    PLATFORM_INFRA_SCRIPT "${SCRIPT_PATH}"
}

# --- commands ---------------------------------------------------------------------

cmd_up() {
  require_root up
  lock_infra
  ensure_packages
  prepare_dirs
  reserve_ports
  pg_up
  rmq_up
  rmq_ensure_test_vhost
  rmq_ensure_service_users
  redis_up
  redis_ensure_service_users
  log "all services up (data: ${INFRA_DIR})"
  log "  postgres: psql \"host=${BIND_ADDR} port=${PG_PORT} user=${PG_USER} password=${PG_PASSWORD} dbname=postgres\""
  log "  rabbitmq: amqp://${RMQ_USER}:${RMQ_PASSWORD}@${BIND_ADDR}:${RMQ_PORT}/ (node ${RMQ_NODE})"
  log "  redis:    redis-cli -p ${REDIS_PORT}"
  log "  logs:     ${LOG_DIR} ${RMQ_LOG_DIR}"
  print_env
}

cmd_down() {
  require_root down
  [[ -d "${INFRA_DIR}" ]] || { log "nothing to stop (${INFRA_DIR} does not exist)"; return 0; }
  lock_infra
  # Without the packages nothing of ours can be running.
  if [[ -x "${PG_BIN}/pg_ctl" ]]; then pg_down; fi
  if [[ -x /usr/sbin/rabbitmqctl ]]; then rmq_down; fi
  if command -v redis-cli >/dev/null; then redis_down; fi
  log "all services stopped"
}

cmd_status() {
  require_root status
  local failed=0
  if [[ -x "${PG_BIN}/pg_ctl" ]] && pg_running && port_open "${PG_PORT}"; then
    log "postgres: running  (${BIND_ADDR}:${PG_PORT})"
  else
    log "postgres: stopped"; failed=1
  fi
  if rmq_node_running && rmq_amqp_open; then
    log "rabbitmq: running  (${BIND_ADDR}:${RMQ_PORT}, node ${RMQ_NODE})"
  elif rmq_node_running; then
    log "rabbitmq: node running, application STOPPED (broker-stop?)"; failed=1
  else
    log "rabbitmq: stopped"; failed=1
  fi
  if redis_running && command -v redis-cli >/dev/null && redis_ping; then
    log "redis:    running  (${BIND_ADDR}:${REDIS_PORT})"
  else
    log "redis:    stopped"; failed=1
  fi
  log "data dir: ${INFRA_DIR}"
  ((failed == 0)) || exit 3
}

usage() {
  sed -n '/^# Usage:/,/^# Must run/{/^# Must run/d;p;}' "${SCRIPT_PATH}" | sed 's/^# \{0,1\}//' >&2
}

main() {
  case "${1:-}" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    env) print_env ;;
    broker-stop) require_root broker-stop; lock_infra; broker_stop ;;
    broker-start) require_root broker-start; lock_infra; broker_start ;;
    test-users) require_root test-users; shift; test_users "$@" ;;
    -h | --help | help) usage ;;
    *) usage; exit 2 ;;
  esac
}

main "$@"
