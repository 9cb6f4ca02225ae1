#!/usr/bin/env bash
# The e-voting benchmark (docs/performance.md): 500 ballots/s for 60 s through the gateway, open loop.
# Usage: bench/voting.sh [--rate N] [--duration S] [--owners N] [--proposals N] [--warmup S] [--baseline S] [--timeout S] [--max-in-flight N]
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/local/infra.sh up >/dev/null && eval "$(deploy/local/infra.sh env)" && export PLATFORM_RABBITMQ="$PLATFORM_RABBITMQ_TESTS" && exec dotnet run -c Release --project bench/VotingBench -- --rate 500 --duration 60 "$@"
