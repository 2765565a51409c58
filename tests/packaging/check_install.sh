#!/bin/sh
# check_install.sh CMAKE BUILD_DIR VERSION GUI(ON|OFF): `cmake --install` into a scratch DESTDIR puts the programs
# and the desktop files where a Linux desktop looks for them, the desktop entry's program and icon are among
# them, and the installed programs run from there, without a display.
set -u
cmake=$1 build=$2 version=$3 gui=$4
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
root="$tmp/root"
DESTDIR="$root" "$cmake" --install "$build" --prefix /usr >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; exit 1; }

fail=0
expect() { [ -f "$root/usr/$1" ] || { echo "FAIL: usr/$1 was not installed"; fail=1; }; }
expect bin/latentlab-cli
if [ "$gui" = ON ]; then
  expect bin/latentlab
  expect share/applications/org.latentlab.LatentLab.desktop
  expect share/metainfo/org.latentlab.LatentLab.metainfo.xml
  expect share/mime/packages/org.latentlab.LatentLab.xml
  expect share/icons/hicolor/scalable/apps/org.latentlab.LatentLab.svg
  for size in 16 32 48 64 128 256; do
    expect "share/icons/hicolor/${size}x${size}/apps/org.latentlab.LatentLab.png"
  done
  # What the menu entry starts and shows must be what was installed.
  entry="$root/usr/share/applications/org.latentlab.LatentLab.desktop"
  exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$entry")
  icon=$(sed -n 's/^Icon=//p' "$entry")
  [ -x "$root/usr/bin/$exec_name" ] || { echo "FAIL: the entry starts '$exec_name', which is not in usr/bin"; fail=1; }
  [ -f "$root/usr/share/icons/hicolor/48x48/apps/$icon.png" ] || { echo "FAIL: the entry's icon '$icon' is not installed"; fail=1; }
fi
# Staged into DESTDIR, the desktop's caches are left to whoever installs the files for real.
[ -e "$root/usr/share/mime/mime.cache" ] && { echo "FAIL: a MIME cache was written into the DESTDIR"; fail=1; }
[ "$fail" -eq 0 ] || { find "$root" -type f; exit 1; }

version_re=$(printf '%s' "$version" | sed 's/\./\\./g')
sh "$here/expect_output.sh" 0 "^latentlab-cli $version_re " "$root/usr/bin/latentlab-cli" --version || exit 1
if [ "$gui" = ON ]; then
  sh "$here/expect_output.sh" 0 "^LatentLab $version_re \(Qt " "$root/usr/bin/latentlab" --version || exit 1
fi
echo "ok: installed and runs from the DESTDIR"
