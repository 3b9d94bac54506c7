#!/bin/bash
# Boot one scenario (harness/boot.sh) and judge its log (harness/judge.sh):
#   run-scenario.sh NAME
# KERNEL, EXTRA_APPEND and LOG_NAME as for boot.sh.
set -uo pipefail
source "$(dirname "$0")/common.sh"

"$HARNESS/boot.sh" "$1" || exit
"$HARNESS/judge.sh" "$LOGS/${LOG_NAME:-$1}.log"
