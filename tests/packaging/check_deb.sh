#!/bin/sh
# check_deb.sh CPACK BUILD_DIR VERSION GUI(ON|OFF): `cpack -G DEB` into a scratch folder makes one
# latentlab_VERSION_ARCH.deb whose Depends (from dpkg-shlibdeps, plus what the programs load at run time) name
# LibTorch, Qt and OpenBLAS, and which holds the programs and the desktop files.
set -u
cpack=$1 build=$2 version=$3 gui=$4
for tool in dpkg-deb dpkg-shlibdeps file; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skipped: $tool is not installed (dpkg-dev, file)"; exit 77; }
done
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$tmp" >"$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; exit 1; }
set -- "$tmp"/latentlab_"$version"_*.deb
[ $# -eq 1 ] && [ -f "$1" ] || { cat "$tmp/cpack.log"; echo "FAIL: no latentlab_${version}_*.deb"; exit 1; }
deb=$1
dpkg-deb -I "$deb"

fail=0
depends=$(dpkg-deb -f "$deb" Depends)
need() {
  printf '%s\n' "$depends" | tr ',' '\n' | grep -Eq "^ *($1)( |$)" || { echo "FAIL: Depends lacks $1"; fail=1; }
}
need 'libtorch[0-9.]*'
need 'libopenblas0-openmp'
need 'libc6'
files=$(dpkg-deb -c "$deb" | awk '{print $NF}')
have() { printf '%s\n' "$files" | grep -qx "./usr/$1" || { echo "FAIL: the package lacks usr/$1"; fail=1; }; }
have bin/latentlab-cli
if [ "$gui" = ON ]; then
  need 'libqt6widgets6'
  need 'libqt6charts6'
  need 'qt6-qpa-plugins'
  have bin/latentlab
  have share/applications/org.latentlab.LatentLab.desktop
  have share/metainfo/org.latentlab.LatentLab.metainfo.xml
  have share/mime/packages/org.latentlab.LatentLab.xml
  have share/icons/hicolor/256x256/apps/org.latentlab.LatentLab.png
  have share/icons/hicolor/scalable/apps/org.latentlab.LatentLab.svg
fi
# The caches are the target machine's (dpkg triggers rebuild them); a package that ships them breaks others.
printf '%s\n' "$files" | grep -Eq '^\./usr/share/(mime/mime\.cache|applications/mimeinfo\.cache)$' &&
  { echo "FAIL: the package holds a MIME or desktop cache"; fail=1; }
[ "$(dpkg-deb -f "$deb" Package)" = latentlab ] || { echo "FAIL: the package is not named latentlab"; fail=1; }
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || { echo "FAIL: the package's version is not $version"; fail=1; }
[ "$fail" -eq 0 ] || { dpkg-deb -c "$deb"; exit 1; }
echo "ok: $(basename "$deb") depends on $depends"
