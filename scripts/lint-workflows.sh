#!/usr/bin/env bash
# Lint the GitHub Actions workflows with actionlint, built from the Go module proxy.
#
#   scripts/lint-workflows.sh [actionlint args...]     lints .github/workflows/*.yml and examples/.github/workflows/*.yml
#
# actionlint is built once per version into .tools/actionlint/<version>/bin (seconds on a warm module
# cache), then reused. It also runs shellcheck on `run:` scripts when shellcheck is on PATH
# (`apt-get install shellcheck`), and says it skips that check otherwise. Needs Go >= 1.24 for the build.
set -euo pipefail

ACTIONLINT_VERSION="v1.7.12"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=go-tool.sh
source "$root/scripts/go-tool.sh"
bin="$(go_tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$ACTIONLINT_VERSION" lint-workflows)"

cd "$root"
if ! command -v shellcheck >/dev/null 2>&1; then
  echo "lint-workflows: shellcheck is not on PATH: run: scripts are not shell-checked (apt-get install shellcheck)" >&2
fi
# With no argument: this repository's workflows and the example project's (examples/.github/workflows).
if [ "$#" -eq 0 ]; then set -- .github/workflows/*.yml examples/.github/workflows/*.yml; fi
echo "lint-workflows: actionlint $ACTIONLINT_VERSION on $*" >&2
"$bin" -no-color "$@"
echo "lint-workflows: workflows OK" >&2
