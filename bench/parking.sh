#!/usr/bin/env bash
# The gate benchmark (docs/performance.md): 200 gate events per second for 60 s through the gateway, over REST and over
# gRPC streams, each against a baseline read measured in the same run.
# Usage: bench/parking.sh [--rate N] [--duration S] [--gates N] [--baseline S] [--warmup S]   (defaults 200, 60, 8, 15, 20)
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/local/infra.sh up >/dev/null && eval "$(deploy/local/infra.sh env)" && export PLATFORM_RABBITMQ="$PLATFORM_RABBITMQ_TESTS" && exec dotnet run -c Release --project bench/ParkingBench -- "$@"
