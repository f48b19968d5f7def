#!/usr/bin/env bash
# The step of action.yml: runs `specc check` with annotations on the terminal (GitHub workflow commands)
# and a SARIF report in a file, writes a Markdown job summary, and hands the exit code to the last
# step so that the SARIF upload happens even when findings fail the job.
#
# Inputs (environment): INPUT_PATHS, INPUT_ARGS, INPUT_VERSION, INPUT_SARIF_FILE; SPECC (a specc binary
# to use instead of the one on the PATH or from npm). Outputs go to $GITHUB_OUTPUT, the summary to
# $GITHUB_STEP_SUMMARY when set.
set -uo pipefail

paths="${INPUT_PATHS:-.}"
sarif="${INPUT_SARIF_FILE:-specc.sarif}"
version="${INPUT_VERSION:-latest}"
out="${GITHUB_OUTPUT:-/dev/null}"

specc="${SPECC:-}"
if [ -z "$specc" ]; then
  if command -v specc >/dev/null 2>&1; then
    specc="$(command -v specc)"
  elif command -v npm >/dev/null 2>&1; then
    npm install --global --no-audit --no-fund "specc@${version}" >&2 || { echo "::error::cannot install specc@${version} from npm"; echo "exit-code=2" >>"$out"; exit 0; }
    specc="$(command -v specc)"
  else
    echo "::error::specc is not on the PATH and npm is not available to install it"
    echo "exit-code=2" >>"$out"
    exit 0
  fi
fi

# Word splitting of the path list and the extra arguments is intended (they are space-separated inputs).
# shellcheck disable=SC2086
"$specc" check $paths --format github --output-file "$sarif" --output-format sarif ${INPUT_ARGS:-}
code=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ "$code" -ne 2 ]; then
  # shellcheck disable=SC2086
  "$specc" check $paths --format markdown ${INPUT_ARGS:-} >>"$GITHUB_STEP_SUMMARY" || true
fi

echo "exit-code=$code" >>"$out"
if [ -f "$sarif" ]; then
  echo "sarif-file=$sarif" >>"$out"
fi
# The exit code is applied by the action's last step, after the SARIF upload.
exit 0
