#!/usr/bin/env bash
# Lint the GitHub Actions workflows with actionlint, built from the Go module proxy.
#
#   scripts/lint-workflows.sh [actionlint args...]     lints .github/workflows/*.yml
#
# actionlint is built once per version into .tools/actionlint/<version>/bin (a few seconds on a warm
# module cache), then reused. It also runs shellcheck on `run:` scripts when shellcheck is on PATH
# (`apt-get install shellcheck`), and skips that check otherwise. Needs Go >= 1.24 for the build.
set -euo pipefail

ACTIONLINT_VERSION="v1.7.12"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/.tools/actionlint/$ACTIONLINT_VERSION"
bin="$dest/bin/actionlint"

log() { echo "lint-workflows: $*" >&2; }

if [ ! -x "$bin" ]; then
  if ! command -v go >/dev/null 2>&1; then
    log "Go is not installed; install Go >= 1.24 (https://go.dev/doc/install) to build actionlint $ACTIONLINT_VERSION."
    exit 1
  fi
  mkdir -p "$dest"
  log "building actionlint $ACTIONLINT_VERSION from the Go module proxy..."
  tmp="$(mktemp -d "$dest/build.XXXXXX")"
  if ! GOBIN="$tmp" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install -trimpath -ldflags "-s -w" \
    "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"; then
    rm -rf "$tmp"
    log "building actionlint failed (see the go output above)"
    exit 1
  fi
  mkdir -p "$dest/bin"
  mv -f "$tmp/actionlint" "$bin"
  rm -rf "$tmp"
fi

cd "$root"
if ! command -v shellcheck >/dev/null 2>&1; then
  log "shellcheck is not on PATH: run: scripts are not shell-checked (apt-get install shellcheck to enable)"
fi
log "actionlint $ACTIONLINT_VERSION on .github/workflows"
"$bin" -no-color "$@"
log "workflows OK"
