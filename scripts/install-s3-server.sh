#!/usr/bin/env bash
# Provide a real S3-compatible server for testing the DIY (self-managed) Pulumi backend offline.
#
#   scripts/install-s3-server.sh      progress on stderr; the path of the `versitygw` binary is the LAST
#   VERSITYGW="$(scripts/install-s3-server.sh | tail -n 1)"     line on stdout
#
# Debian 12 packages no S3 server (apt-cache search minio / s3 finds only client libraries), so the
# server is built from the Go module proxy: Versity S3 Gateway (github.com/versity/versitygw), a real
# S3 implementation whose `posix` backend serves a local directory. It is far lighter to build than MinIO
# or SeaweedFS (about a minute on a warm module cache). The binary is cached in
# .tools/versitygw/<version>/bin, so later runs take a second. Needs Go >= 1.25.
set -euo pipefail

VERSITYGW_VERSION="v1.8.0"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/.tools/versitygw/$VERSITYGW_VERSION"
bin="$dest/bin/versitygw"

log() { echo "install-s3-server: $*" >&2; }

if [ -x "$bin" ]; then
  log "versitygw $VERSITYGW_VERSION is cached in ${bin#"$root"/}"
  echo "$bin"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  log "Go is not installed; install Go >= 1.25 (https://go.dev/doc/install) to build versitygw $VERSITYGW_VERSION."
  exit 1
fi

mkdir -p "$dest"
# Serialize concurrent runs (parallel test processes) on one lock file.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$dest/.lock"
  flock 9
  if [ -x "$bin" ]; then
    echo "$bin"
    exit 0
  fi
fi

log "building versitygw $VERSITYGW_VERSION from the Go module proxy (go $(go env GOVERSION))..."
start=$SECONDS
tmp="$(mktemp -d "$dest/build.XXXXXX")"
if ! GOBIN="$tmp" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install -trimpath -ldflags "-s -w" \
  "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION"; then
  rm -rf "$tmp"
  log "building versitygw failed (see the go output above)"
  exit 1
fi
mkdir -p "$dest/bin"
mv -f "$tmp/versitygw" "$bin"
rm -rf "$tmp"
log "built versitygw in $((SECONDS - start))s"
echo "$bin"
