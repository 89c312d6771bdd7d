#!/usr/bin/env bash
# Fails when a test log shows no test ran: a layer that runs nothing must not pass silently.
# Usage: require-tests.sh LABEL LOG
set -euo pipefail
label=$1
log=$2
passed=$(grep -Eo 'test result: ok\. [0-9]+ passed' "$log" | awk '{ sum += $4 } END { print sum + 0 }')
if grep -Eq 'test result: FAILED' "$log"; then
  echo "$label: a test failed" >&2
  exit 1
fi
if [ "$passed" -eq 0 ]; then
  echo "$label: no test ran" >&2
  exit 1
fi
echo "$label: $passed passed"
