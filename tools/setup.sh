# Shared by tools/install, tools/install-test-deps and tools/test-oldest-qt (sourced, not run).
# Nothing here installs into a global Python: the project lives in a venv (.venv by default),
# made with the python3 on PATH (or $PYTHON) — Debian's own (PEP 668), any other, or the python3
# of an active venv (the new venv is then made from that venv's base interpreter).
#   need_debs PKG...          apt-get install the Debian packages not yet installed (sudo when not root)
#   make_venv DIR             a working venv in DIR; Debian's python3-venv is installed when missing
PYTHON=${PYTHON:-python3}

say() { echo "$(basename "$0"): $*" >&2; }

need_debs() {
  command -v dpkg-query >/dev/null || return 0     # not Debian-like: the packages are the user's affair
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { say "需要安装系统软件包（请以 root 身份安装）：${missing[*]}"; exit 2; }
    sudo="sudo"
  fi
  say "正在安装系统软件包：${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

make_venv() {
  local dir=$1
  # (An older venv that saw the system's packages is made again: it hid what the project needs.)
  if [ -x "$dir/bin/python" ] && "$dir/bin/python" -m pip --version >/dev/null 2>&1 \
     && ! grep -q "include-system-site-packages = true" "$dir/pyvenv.cfg" 2>/dev/null; then
    return 0
  fi
  command -v "$PYTHON" >/dev/null || { say "找不到 $PYTHON（需要 Python 3.9 或更新版本）"; exit 2; }
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 9))' \
    || { say "$PYTHON 版本过旧：需要 Python 3.9 或更新版本"; exit 2; }
  # Debian splits venv's pip bootstrap (ensurepip) into python3-venv (python3.X-venv).
  if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
    local minor
    minor=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    need_debs "python$minor-venv"
    "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null \
      || { say "$PYTHON 无法创建虚拟环境（缺少 ensurepip；Debian 上请安装 python$minor-venv）"; exit 2; }
  fi
  rm -rf "$dir"
  "$PYTHON" -m venv "$dir"
  "$dir/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
}

# The system libraries Qt's xcb platform loads (a desktop usually has them; a fresh or
# minimal system often lacks libxcb-cursor0 and friends), and those it needs even offscreen.
QT_DEBS=(libglib2.0-0 libgl1 libegl1 libfontconfig1 libfreetype6 libdbus-1-3 libx11-6 libx11-xcb1
         libxcb1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
         libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0
         libxcb-sync1 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libxcb-util1)
