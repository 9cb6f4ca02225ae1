#!/usr/bin/env bash
# The bill-run benchmark (docs/performance.md): one community of 100,000 units billed for a month through the endpoint,
# several months in a row, against a naive per-row EF Core loop on a sample in the same run.
# Usage: bench/fees.sh [--units N] [--naive-units N] [--repeats N] [--explain]
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/local/infra.sh up >/dev/null && eval "$(deploy/local/infra.sh env)" && export PLATFORM_RABBITMQ="$PLATFORM_RABBITMQ_TESTS" && exec dotnet run -c Release --project bench/FeesBench -- --units 100000 --naive-units 5000 --repeats 5 "$@"
