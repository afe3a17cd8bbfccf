#!/usr/bin/env bash
# Orgraph beside PostGraphile on four more request shapes (shapes.mjs), with
# the peer harness's own setup: its dependencies, a fresh database migrated by
# Orgraph and seeded with its seed.sql plus audit-events.sql, dropped on exit.
# Run from the root of an Orgraph checkout that has ../shared/peers beside it:
#
#   bench/peers/shapes.sh [--duration S] [--warmup S] [--connections N[,N...]] [--shapes reads,writes]
PEERS=${PEERS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/shared/peers}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$PEERS/lib.sh"

ORGRAPH=$PWD DURATION=20 WARMUP=3 CONNECTIONS=16,64 SHAPES=reads,writes
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --shapes) SHAPES=$2; shift 2 ;;
    -h|--help) sed -n 2,7p "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
peers_usage_check "$ORGRAPH" "$DURATION" "$WARMUP" "$CONNECTIONS"

peers_install
peers_workdir
cp "$HERE/shapes.mjs" "$WORK/harness/"
peers_database
peers_migrate "$ORGRAPH"
peers_seed "$PEERS_HERE/seed.sql" "$HERE/audit-events.sql"
peers_bench "$WORK/harness/shapes.mjs" --orgraph "$ORGRAPH" --duration "$DURATION" --warmup "$WARMUP" \
  --connections "$CONNECTIONS" --servers orgraph,postgraphile --shapes "$SHAPES"
