# Debian roots for building and trying the Linux bundle (sourced by ci-bullseye, build-bullseye,
# try-deb-bullseye and prove-bookworm; needs root, debootstrap, zstd and mount).
#
#   root_base SUITE          → build/roots/SUITE-minbase.tar.zst, made with debootstrap the first time
#                              (about a minute); later runs unpack it in seconds
#   root_new SUITE DIR       a pristine root of SUITE in DIR, ready for apt and pip (DNS, CA certificates)
#   root_mount DIR           /proc, /sys, /dev and the shared apt cache mounted; root_umount DIR undoes it
#   root_run DIR CMD...      CMD inside DIR with a clean environment (no PATH, PYTHON* of ours)
#   root_apt DIR PKG...      apt-get install PKG (updating the lists first) inside DIR
#
# Roots are plain directories under build/roots/; nothing outside build/ is touched.
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
ROOTS=${ROOTS:-$PWD/build/roots}
ROOTS_MOUNTED=()

root_need_tools() {
  local missing=()
  for tool in debootstrap zstd; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  [ "$(id -u)" = 0 ] || { echo "roots: debootstrap and chroot need root" >&2; exit 2; }
}

root_base() {
  local suite=$1 tarball="$ROOTS/$1-minbase.tar.zst"
  if [ ! -s "$tarball" ]; then
    root_need_tools
    mkdir -p "$ROOTS"
    local tmp="$ROOTS/$suite.debootstrap"
    rm -rf "$tmp"
    debootstrap --variant=minbase "$suite" "$tmp" "$MIRROR" > "$ROOTS/$suite.debootstrap.log" 2>&1 \
      || { tail -20 "$ROOTS/$suite.debootstrap.log" >&2; exit 1; }
    tar -C "$tmp" --numeric-owner -cf - . | zstd -q -T0 -o "$tarball.part"
    mv "$tarball.part" "$tarball"
    rm -rf "$tmp"
  fi
  echo "$tarball"
}

root_new() {
  local suite=$1 dir=$2 tarball
  tarball=$(root_base "$suite")
  root_remove "$dir"
  mkdir -p "$dir"
  zstd -q -dc "$tarball" | tar -C "$dir" --numeric-owner -xf -
  local security="$MIRROR-security"
  cat > "$dir/etc/apt/sources.list" <<EOF
deb $MIRROR $suite main
deb $MIRROR $suite-updates main
deb $security $suite-security main
EOF
  cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
  # A proxy that re-signs TLS (as on some CI machines) is trusted through the host's bundle (pip
  # in the root uses it) and its local authorities (ca-certificates, once installed in the root,
  # takes them into the root's own bundle: roots made inside this root trust them too).
  cp -L /etc/ssl/certs/ca-certificates.crt "$dir/etc/host-ca-certificates.crt" 2>/dev/null || true
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    mkdir -p "$dir/usr/local/share/ca-certificates"
    cp -L /usr/local/share/ca-certificates/*.crt "$dir/usr/local/share/ca-certificates/"
  fi
  # Debian's minbase has no policy-rc.d: keep package scripts from starting services.
  printf '#!/bin/sh\nexit 101\n' > "$dir/usr/sbin/policy-rc.d"
  chmod 755 "$dir/usr/sbin/policy-rc.d"
}

root_mount() {
  local dir=$1
  mkdir -p "$dir/var/cache/apt/archives"
  mount -t proc proc "$dir/proc"
  mount --rbind /sys "$dir/sys" && mount --make-rslave "$dir/sys"
  mount --rbind /dev "$dir/dev" && mount --make-rslave "$dir/dev"
  # Downloaded .debs survive between runs (per root kind), so a second run does not fetch them.
  local cache="$ROOTS/apt-cache-${ROOT_CACHE:-$(basename "$dir")}"
  mkdir -p "$cache"
  mount --bind "$cache" "$dir/var/cache/apt/archives"
  ROOTS_MOUNTED+=("$dir")
}

root_umount() {
  local dir=$1
  for m in var/cache/apt/archives tmp/.X11-unix dev sys proc; do
    mountpoint -q "$dir/$m" 2>/dev/null && umount -R -l "$dir/$m"
  done
  return 0
}

# Removes a root, never what is mounted into it (a run killed before its clean-up leaves /dev,
# /sys and /proc of this machine bound inside).
root_remove() {
  local dir=$1
  [ -e "$dir" ] || return 0
  root_umount "$dir"
  if grep -q " $(readlink -f "$dir")/" /proc/mounts; then
    echo "roots: $dir still has something mounted inside; not removing it" >&2
    exit 1
  fi
  rm -rf --one-file-system "$dir"
}

root_umount_all() {
  local dir
  for dir in "${ROOTS_MOUNTED[@]}"; do root_umount "$dir"; done
  ROOTS_MOUNTED=()
}

root_run() {
  local dir=$1
  shift
  chroot "$dir" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive PIP_CERT=/etc/host-ca-certificates.crt \
    PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_DEFAULT_TIMEOUT=180 PYTHONDONTWRITEBYTECODE= \
    "$@"
}

root_apt() {
  local dir=$1
  shift
  root_run "$dir" apt-get update -qq
  root_run "$dir" apt-get install -y -qq --no-install-recommends "$@" > "$dir/apt-install.log" 2>&1 \
    || { tail -30 "$dir/apt-install.log" >&2; return 1; }
}
