#!/usr/bin/env bash
# Provide a real S3-compatible server for testing the DIY (self-managed) Pulumi backend offline.
#
#   scripts/install-s3-server.sh      progress on stderr; the path of the `versitygw` binary is the LAST
#   VERSITYGW="$(scripts/install-s3-server.sh | tail -n 1)"     line on stdout
#
# Debian 12 packages no S3 server (apt-cache search minio / s3 finds only client libraries), so the
# server is built from the Go module proxy: Versity S3 Gateway (github.com/versity/versitygw), a real
# S3 implementation whose `posix` backend serves a local directory (each top-level folder is a bucket).
# It is much lighter than MinIO or SeaweedFS: about 2.5 CPU-minutes for a cold build, cached in
# .tools/versitygw/<version>/bin afterwards. Needs Go >= 1.25.
set -euo pipefail

VERSITYGW_VERSION="v1.8.0"

# shellcheck source=go-tool.sh
source "$(dirname "${BASH_SOURCE[0]}")/go-tool.sh"
go_tool versitygw github.com/versity/versitygw/cmd/versitygw "$VERSITYGW_VERSION" install-s3-server
