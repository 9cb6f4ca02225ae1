#!/usr/bin/env bash
# -----------------------------------------------------------------------------
# deploy/images/base-image.sh - the platform's base image, made offline.
#
# No public container registry is reachable here, so the base image the .NET
# SDK builds on is made locally, like Microsoft's aspnet:10.0 image but from
# what this machine already has:
#   - a Debian 12 root filesystem assembled from the .deb files of the .NET
#     runtime's dependencies (libc6, libssl3, libicu72, ...), downloaded with
#     `apt-get download` from the machine's own apt sources and unpacked with
#     `dpkg-deb -x` (no maintainer scripts: the CA bundle is written here);
#   - the ASP.NET Core shared runtime copied from the installed .NET SDK
#     (/usr/share/dotnet), `dotnet` on PATH;
#   - the non-root user `app` (uid/gid 1654, as in Microsoft's images) and
#     APP_UID in the environment, so the SDK runs the apps as that user.
# The result is an OCI layout (umoci) in the cache, rebuilt only when the
# package list or the runtime version changes.
#
# Usage: deploy/images/base-image.sh      prints the OCI layout reference
#                                         (oci:<dir>:<tag>) on stdout
# Environment: PLATFORM_IMAGES_CACHE   cache folder [/var/tmp/platform-images]
#              DOTNET_ROOT             the runtime to copy [dir of `dotnet`]
# Must run as root (file ownership inside the image).
# -----------------------------------------------------------------------------
set -euo pipefail

CACHE="${PLATFORM_IMAGES_CACHE:-/var/tmp/platform-images}"
# What .NET 10 needs on Debian 12 (the list of Microsoft's runtime-deps image).
PACKAGES=(libc6 libgcc-s1 gcc-12-base libstdc++6 libssl3 zlib1g libicu72 ca-certificates tzdata)
APP_UID=1654
TAG="dotnet-aspnet-10.0"

log() { printf '[base-image] %s\n' "$*" >&2; }
die() { printf '[base-image] ERROR: %s\n' "$*" >&2; exit 1; }

[[ "$(id -u)" -eq 0 ]] || die "must run as root (files in the image are owned by root)"
for tool in umoci apt-get dpkg-deb; do
  command -v "${tool}" >/dev/null || die "${tool} is missing (deploy/images.sh installs it)"
done

DOTNET_ROOT="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"
newest() { find "$1" -mindepth 1 -maxdepth 1 -type d -name '10.0.*' -printf '%f\n' | sort -V | tail -n 1; }
ASPNET_VERSION="$(newest "${DOTNET_ROOT}/shared/Microsoft.AspNetCore.App")"
CORE_VERSION="$(newest "${DOTNET_ROOT}/shared/Microsoft.NETCore.App")"
FXR_VERSION="$(newest "${DOTNET_ROOT}/host/fxr")"
[[ -n "${ASPNET_VERSION}" && -n "${CORE_VERSION}" && -n "${FXR_VERSION}" ]] ||
  die "no .NET 10 runtime under ${DOTNET_ROOT}"

# The inputs: a change in any of them makes a new image.
RECIPE="packages=${PACKAGES[*]} aspnet=${ASPNET_VERSION} core=${CORE_VERSION} fxr=${FXR_VERSION} uid=${APP_UID} v=1"
LAYOUT="${CACHE}/base-oci"
STAMP="${CACHE}/base-oci.recipe"
if [[ -f "${STAMP}" && "$(cat "${STAMP}")" == "${RECIPE}" && -d "${LAYOUT}" ]]; then
  log "cached: ${LAYOUT} (${RECIPE})"
  echo "oci:${LAYOUT}:${TAG}"
  exit 0
fi

mkdir -p "${CACHE}"
WORK="$(mktemp -d "${CACHE}/work.XXXXXX")"
trap 'rm -rf "${WORK}"' EXIT
ROOTFS="${WORK}/rootfs"
mkdir -p "${CACHE}/debs" "${ROOTFS}"

# --- the Debian packages ------------------------------------------------------------
# apt's sandbox user may not write into the cache: download as root, quietly.
download() { (cd "${CACHE}/debs" && apt-get download -o APT::Sandbox::User=root "${PACKAGES[@]}" >&2); }
if ! download; then
  log "apt-get download failed; refreshing the package lists once"
  apt-get update >&2
  download
fi
for pkg in "${PACKAGES[@]}"; do
  deb="$(ls -t "${CACHE}/debs/${pkg}"_*.deb | head -n 1)"
  dpkg-deb -x "${deb}" "${ROOTFS}"
done
# Debian 12 is usr-merged: /lib and /bin are links into /usr.
for dir in bin lib lib64 sbin; do
  if [[ -d "${ROOTFS}/${dir}" && ! -L "${ROOTFS}/${dir}" ]]; then
    mkdir -p "${ROOTFS}/usr/${dir}"
    cp -a "${ROOTFS}/${dir}/." "${ROOTFS}/usr/${dir}/"
    rm -rf "${ROOTFS:?}/${dir}"
  fi
  [[ -e "${ROOTFS}/${dir}" ]] || ln -s "usr/${dir}" "${ROOTFS}/${dir}"
done
# What ca-certificates' maintainer script would have written.
mkdir -p "${ROOTFS}/etc/ssl/certs"
find "${ROOTFS}/usr/share/ca-certificates" -name '*.crt' -print0 | sort -z | xargs -0 cat >"${ROOTFS}/etc/ssl/certs/ca-certificates.crt"
ln -sf /usr/share/zoneinfo/Etc/UTC "${ROOTFS}/etc/localtime"
rm -rf "${ROOTFS}/usr/share/doc" "${ROOTFS}/usr/share/man" "${ROOTFS}/usr/share/lintian"

# --- users, folders ------------------------------------------------------------------
cat >"${ROOTFS}/etc/passwd" <<EOF
root:x:0:0:root:/root:/usr/sbin/nologin
app:x:${APP_UID}:${APP_UID}:app:/home/app:/usr/sbin/nologin
EOF
cat >"${ROOTFS}/etc/group" <<EOF
root:x:0:
app:x:${APP_UID}:
EOF
printf 'hosts: files dns\n' >"${ROOTFS}/etc/nsswitch.conf"
mkdir -p "${ROOTFS}/tmp" "${ROOTFS}/root" "${ROOTFS}/home/app" "${ROOTFS}/app"
chmod 1777 "${ROOTFS}/tmp"
chown "${APP_UID}:${APP_UID}" "${ROOTFS}/home/app"

# --- the ASP.NET Core runtime ----------------------------------------------------------
DEST="${ROOTFS}/usr/share/dotnet"
mkdir -p "${DEST}/shared" "${DEST}/host/fxr" "${ROOTFS}/usr/bin"
cp -a "${DOTNET_ROOT}/dotnet" "${DEST}/"
cp -a "${DOTNET_ROOT}/host/fxr/${FXR_VERSION}" "${DEST}/host/fxr/"
mkdir -p "${DEST}/shared/Microsoft.NETCore.App" "${DEST}/shared/Microsoft.AspNetCore.App"
cp -a "${DOTNET_ROOT}/shared/Microsoft.NETCore.App/${CORE_VERSION}" "${DEST}/shared/Microsoft.NETCore.App/"
cp -a "${DOTNET_ROOT}/shared/Microsoft.AspNetCore.App/${ASPNET_VERSION}" "${DEST}/shared/Microsoft.AspNetCore.App/"
for license in LICENSE.txt ThirdPartyNotices.txt; do
  [[ -f "${DOTNET_ROOT}/${license}" ]] && cp "${DOTNET_ROOT}/${license}" "${DEST}/"
done
ln -sf /usr/share/dotnet/dotnet "${ROOTFS}/usr/bin/dotnet"

# --- the OCI image -----------------------------------------------------------------------
# One layer, deterministic: sorted names, numeric owners, a fixed time.
tar --sort=name --numeric-owner --mtime='2000-01-01 00:00Z' -C "${ROOTFS}" -cf "${WORK}/rootfs.tar" .
rm -rf "${LAYOUT}.new"
umoci init --layout "${LAYOUT}.new"
umoci new --image "${LAYOUT}.new:${TAG}"
umoci raw add-layer --image "${LAYOUT}.new:${TAG}" "${WORK}/rootfs.tar"
umoci config --image "${LAYOUT}.new:${TAG}" \
  --config.env "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --config.env "APP_UID=${APP_UID}" \
  --config.env "DOTNET_RUNNING_IN_CONTAINER=true" \
  --config.env "DOTNET_VERSION=${CORE_VERSION}" \
  --config.env "ASPNET_VERSION=${ASPNET_VERSION}" \
  --config.env "ASPNETCORE_HTTP_PORTS=8080" \
  --config.workingdir /app \
  --config.label "org.opencontainers.image.title=platform dotnet-aspnet ${ASPNET_VERSION} (Debian 12, built offline)" \
  --config.label "org.opencontainers.image.base.name=debian:12 packages"
umoci gc --layout "${LAYOUT}.new"
rm -rf "${LAYOUT}"
mv "${LAYOUT}.new" "${LAYOUT}"
echo "${RECIPE}" >"${STAMP}"
log "built ${LAYOUT}:${TAG} ($(du -sh "${LAYOUT}" | cut -f1))"
echo "oci:${LAYOUT}:${TAG}"
