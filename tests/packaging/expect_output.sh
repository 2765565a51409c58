#!/bin/sh
# expect_output.sh RC PATTERN COMMAND...: runs COMMAND without any display (DISPLAY, WAYLAND_DISPLAY and
# QT_QPA_PLATFORM unset, as on a server or in a bare terminal) and checks its exit status is RC and that what it
# printed (stdout and stderr) matches the extended regular expression PATTERN and holds at most one line when
# RC is not 0 (a mistake is answered with one sentence).
rc_wanted=$1 pattern=$2
shift 2
out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$@" 2>&1)
rc=$?
printf '%s\n' "$out"
[ "$rc" -eq "$rc_wanted" ] || { echo "FAIL: exit status $rc, expected $rc_wanted"; exit 1; }
printf '%s\n' "$out" | grep -Eq -- "$pattern" || { echo "FAIL: the output does not match /$pattern/"; exit 1; }
if [ "$rc_wanted" -ne 0 ] && [ "$(printf '%s\n' "$out" | wc -l)" -ne 1 ]; then
  echo "FAIL: a mistake should be answered in one line"
  exit 1
fi
exit 0
