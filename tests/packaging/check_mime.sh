#!/bin/sh
# check_mime.sh MIME_XML DESKTOP_ENTRY: the MIME package is well-formed, shared-mime-info compiles it into a
# type that matches *.latentlab, and the desktop entry claims that type (so a double-click opens LatentLab).
set -u
xml=$1 desktop=$2
for tool in xmllint update-mime-database; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skipped: $tool is not installed"; exit 77; }
done
xmllint --noout "$xml" || exit 1
type=$(xmllint --xpath 'string(//*[local-name()="mime-type"]/@type)' "$xml")
[ -n "$type" ] || { echo "FAIL: no mime-type in $xml"; exit 1; }
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/mime/packages"
cp "$xml" "$tmp/mime/packages/latentlab.xml"
XDG_DATA_HOME="$tmp" XDG_DATA_DIRS="$tmp" update-mime-database "$tmp/mime" 2>"$tmp/errors" || { cat "$tmp/errors"; exit 1; }
# update-mime-database warns (without failing) about what it does not understand: those are mistakes too.
# (The XDG variables name the scratch folder, so it does not also note that the folder is off the search path.)
[ -s "$tmp/errors" ] && { cat "$tmp/errors"; echo "FAIL: update-mime-database complained"; exit 1; }
grep -qx "50:$type:\*.latentlab" "$tmp/mime/globs2" || { cat "$tmp/mime/globs2"; echo "FAIL: $type does not match *.latentlab"; exit 1; }
[ -f "$tmp/mime/$type.xml" ] || { echo "FAIL: $type was not compiled"; exit 1; }
grep -Eq "^MimeType=(.*;)?$type;" "$desktop" || { echo "FAIL: $desktop does not claim $type"; exit 1; }
echo "ok: $type matches *.latentlab and $(basename "$desktop") opens it"
