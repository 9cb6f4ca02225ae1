#!/usr/bin/env bash
# -----------------------------------------------------------------------------
# deploy/images.sh - the container image of every host, as archives, offline.
#
# Each host (the five services, identity, the gateway) is published by the
# .NET SDK's container support (`dotnet publish -t:PublishContainer`, settings
# in deploy/images/Containers.targets) into <out>/<name>.tar, an OCI image
# archive that `skopeo copy oci-archive:<out>/<name>.tar docker://<registry>/...`
# takes to any registry.
#
# The base image:
#   - PLATFORM_BASE_IMAGE set (county CI, e.g. Microsoft's aspnet:10.0 or a
#     mirror of it): the SDK pulls that; nothing else is started.
#   - unset (here and in our CI, where no public registry is reachable):
#     deploy/images/base-image.sh makes one offline (cached under
#     PLATFORM_IMAGES_CACHE), a loopback `docker-registry` serves it for the
#     duration of this script, and the SDK pulls it from there.
#
# Usage: deploy/images.sh [NAME...]     NAME: gateway identity governance fees
#                                       funds parking eldercare [all of them]
# Environment (defaults in brackets):
#   PLATFORM_IMAGES_OUT      where the archives go [<checkout>/artifacts/images]
#   PLATFORM_IMAGES_CACHE    base image, debs, registry data [/var/tmp/platform-images]
#   PLATFORM_IMAGE_TAG       the images' tag [the chart's appVersion]
#   PLATFORM_BASE_IMAGE      a registry image to build on instead of ours
#   PLATFORM_REGISTRY_PORT   the loopback registry's port [55500]
# Installs docker-registry, skopeo and umoci with apt when they are missing
# (root). Prints the archives it wrote on stdout, one a line.
# -----------------------------------------------------------------------------
set -euo pipefail

ROOT="$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${PLATFORM_IMAGES_OUT:-${ROOT}/artifacts/images}"
export PLATFORM_IMAGES_CACHE="${PLATFORM_IMAGES_CACHE:-/var/tmp/platform-images}"
CACHE="${PLATFORM_IMAGES_CACHE}"
REGISTRY_PORT="${PLATFORM_REGISTRY_PORT:-55500}"
REGISTRY="127.0.0.1:${REGISTRY_PORT}"
BASE_REPOSITORY="platform/dotnet-aspnet"
TAG="${PLATFORM_IMAGE_TAG:-$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "${ROOT}/deploy/helm/platform/Chart.yaml")}"

# name -> project: every deployable host.
declare -A PROJECTS=(
  [gateway]=gateway/Gateway/Gateway.csproj
  [identity]=services/Identity/Identity.Api/Identity.Api.csproj
  [governance]=services/Governance/Governance.Api/Governance.Api.csproj
  [fees]=services/Fees/Fees.Api/Fees.Api.csproj
  [funds]=services/Funds/Funds.Api/Funds.Api.csproj
  [parking]=services/Parking/Parking.Api/Parking.Api.csproj
  [eldercare]=services/ElderCare/ElderCare.Api/ElderCare.Api.csproj
)
ORDER=(gateway identity governance fees funds parking eldercare)

log() { printf '[images] %s\n' "$*" >&2; }
die() { printf '[images] ERROR: %s\n' "$*" >&2; exit 1; }

names=("$@")
((${#names[@]} > 0)) || names=("${ORDER[@]}")
for name in "${names[@]}"; do
  [[ -n "${PROJECTS[${name}]:-}" ]] || die "unknown image '${name}' (known: ${ORDER[*]})"
done
[[ -n "${TAG}" ]] || die "no tag: set PLATFORM_IMAGE_TAG or appVersion in deploy/helm/platform/Chart.yaml"

ensure_tools() {
  local missing=() tool
  for tool in docker-registry skopeo umoci; do
    command -v "${tool}" >/dev/null || missing+=("${tool}")
  done
  ((${#missing[@]} == 0)) && return 0
  [[ "$(id -u)" -eq 0 ]] || die "missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root"
  log "installing ${missing[*]}"
  apt-get update >&2
  # Debian's docker-registry would start its own instance on :5000; policy-rc.d forbids that.
  local policy=/usr/sbin/policy-rc.d created=0
  if [[ ! -e "${policy}" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"${policy}" && chmod 0755 "${policy}" && created=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2 || { ((created)) && rm -f "${policy}"; die "apt-get install failed"; }
  ((created)) && rm -f "${policy}"
  return 0
}

# --- the loopback registry (only when we build on our own base image) -------------------
REGISTRY_PID=""
stop_registry() {
  [[ -n "${REGISTRY_PID}" ]] || return 0
  kill "${REGISTRY_PID}" 2>/dev/null || true
  wait "${REGISTRY_PID}" 2>/dev/null || true
  REGISTRY_PID=""
}

start_registry() {
  mkdir -p "${CACHE}/registry"
  cat >"${CACHE}/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: ${CACHE}/registry
http:
  addr: ${REGISTRY}
EOF
  if timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/${REGISTRY_PORT}" 2>/dev/null; then
    die "port ${REGISTRY_PORT} is taken (another images.sh?); set PLATFORM_REGISTRY_PORT"
  fi
  docker-registry serve "${CACHE}/registry.yml" >"${CACHE}/registry.log" 2>&1 &
  REGISTRY_PID=$!
  trap stop_registry EXIT
  local deadline=$((SECONDS + 30))
  until curl -fsS "http://${REGISTRY}/v2/" >/dev/null 2>&1; do
    kill -0 "${REGISTRY_PID}" 2>/dev/null || die "docker-registry stopped: $(tail -n 5 "${CACHE}/registry.log")"
    ((SECONDS < deadline)) || die "docker-registry did not answer on ${REGISTRY} within 30 s"
    sleep 0.2
  done
}

if [[ -n "${PLATFORM_BASE_IMAGE:-}" ]]; then
  BASE_IMAGE="${PLATFORM_BASE_IMAGE}"
else
  ensure_tools
  base_layout="$("${ROOT}/deploy/images/base-image.sh")"
  start_registry
  BASE_IMAGE="${REGISTRY}/${BASE_REPOSITORY}:10.0"
  # Blobs the registry already holds are skipped: a warm run copies almost nothing.
  skopeo copy --quiet --dest-tls-verify=false "${base_layout}" "docker://${BASE_IMAGE}" >&2
  # The SDK speaks plain HTTP only to registries named here.
  export DOTNET_CONTAINER_INSECURE_REGISTRIES="${REGISTRY}"
fi
log "base image ${BASE_IMAGE}, tag ${TAG}"

mkdir -p "${OUT}"
for name in "${names[@]}"; do
  started=${SECONDS}
  archive="${OUT}/${name}.tar"
  rm -f "${archive}"
  # Its own output folders, so the Debug build the tests use is left alone.
  dotnet publish "${ROOT}/${PROJECTS[${name}]}" -c Release -nologo -clp:ErrorsOnly \
    -t:PublishContainer \
    -p:ContainerBaseImage="${BASE_IMAGE}" \
    -p:ContainerRepository="platform/${name}" \
    -p:ContainerImageTag="${TAG}" \
    -p:ContainerArchiveOutputPath="${archive}" \
    -p:Version="${TAG}" \
    -p:PlatformServiceName="${name}" >&2
  [[ -s "${archive}" ]] || die "${name}: no archive at ${archive}"
  log "${name}: ${archive} ($(du -h "${archive}" | cut -f1), $((SECONDS - started)) s)"
  echo "${archive}"
done
