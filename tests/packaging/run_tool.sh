#!/bin/sh
# run_tool.sh TOOL ARGS...: runs a validator on a file we ship. Exits 77 (ctest's skip) when the tool is not
# installed; scripts/test installs it (LATENTLAB_TEST_PACKAGES in scripts/setup.sh).
command -v "$1" >/dev/null 2>&1 || { echo "skipped: $1 is not installed"; exit 77; }
exec "$@"
