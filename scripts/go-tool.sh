#!/usr/bin/env bash
# Shared by scripts/install-s3-server.sh and scripts/lint-workflows.sh: build a Go command from the module
# proxy once per version into .tools/<name>/<version>/bin and reuse it afterwards.
#
#   source scripts/go-tool.sh
#   bin="$(go_tool <name> <package> <version> <log prefix>)"    # progress on stderr, the binary's path on stdout

# go_tool NAME PACKAGE VERSION PREFIX: the path of .tools/NAME/VERSION/bin/NAME, built with `go install` if missing.
go_tool() {
  local name="$1" package="$2" version="$3" prefix="$4" root dest bin tmp start
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  dest="$root/.tools/$name/$version"
  bin="$dest/bin/$name"
  if [ -x "$bin" ]; then
    echo "$prefix: $name $version is cached in ${bin#"$root"/}" >&2
    echo "$bin"
    return 0
  fi
  if ! command -v go >/dev/null 2>&1; then
    echo "$prefix: Go is not installed; install Go >= 1.25 (https://go.dev/doc/install) to build $name $version." >&2
    return 1
  fi
  mkdir -p "$dest"
  # Serialize concurrent runs (parallel test processes) on one lock file, then look again.
  if command -v flock >/dev/null 2>&1; then
    exec {lock_fd}>"$dest/.lock"
    flock "$lock_fd"
    if [ -x "$bin" ]; then
      echo "$bin"
      return 0
    fi
  fi
  echo "$prefix: building $name $version from the Go module proxy (go $(go env GOVERSION))..." >&2
  start=$SECONDS
  tmp="$(mktemp -d "$dest/build.XXXXXX")"
  if ! GOBIN="$tmp" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install -trimpath -ldflags "-s -w" "$package@$version" >&2; then
    rm -rf "$tmp"
    echo "$prefix: building $name failed (see the go output above)" >&2
    return 1
  fi
  mkdir -p "$dest/bin"
  mv -f "$tmp/$name" "$bin"
  rm -rf "$tmp"
  echo "$prefix: built $name in $((SECONDS - start))s" >&2
  echo "$bin"
}
