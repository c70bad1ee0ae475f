#!/usr/bin/env bash
# Installs what is missing on a Debian/Ubuntu machine, builds .venv with the pinned packages,
# then processes samples/demo into the default store and prints the records.
# Safe to run again: every step checks first. Set SANGKIEN_SKIP_DEMO=1 to install only.
set -euo pipefail
cd "$(dirname "$0")/.."

# libreoffice-writer-nogui converts legacy .doc and .odt to .docx (about 250 MB, 50 packages without recommends).
# chromium runs the browser tests of the review page (Playwright drives /usr/bin/chromium; it downloads nothing).
APT_PACKAGES=(tesseract-ocr tesseract-ocr-vie fonts-dejavu-core fonts-liberation libreoffice-writer-nogui chromium)
# Debian's python3 needs python3-venv to make a venv; other builds (pyenv, python.org) carry ensurepip.
python3 -c "import ensurepip" 2>/dev/null || APT_PACKAGES+=(python3-venv)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # No recommends: LibreOffice's (Math, python3-uno, Perl, X11 tools) would double the packages, all unused.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  python3 -m venv .venv
fi
echo "==> installing pinned Python packages (requirements.lock)"
pip_install() {
  # Machines with extra local indexes make pip warn once per package that a folder is missing; drop that noise only.
  .venv/bin/python -m pip install -q --disable-pip-version-check "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
}
pip_install -r requirements.lock
pip_install --no-deps -e .

if [ "${SANGKIEN_SKIP_DEMO:-0}" != "1" ]; then
  echo "==> processing samples/demo/inbox"
  .venv/bin/sangkien process samples/demo/inbox --keep-inbox
fi
