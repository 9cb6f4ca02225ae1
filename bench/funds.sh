#!/usr/bin/env bash
# The repair-settlement benchmark (docs/performance.md): one settlement apportioned by area over a 20,000-unit community
# and posted through the disbursement endpoint, several times, against a naive per-line EF Core loop on a sample in the same run.
# Usage: bench/funds.sh [--units N] [--repeats N] [--naive-units N] [--explain]
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/local/infra.sh up >/dev/null && eval "$(deploy/local/infra.sh env)" && export PLATFORM_RABBITMQ="$PLATFORM_RABBITMQ_TESTS" && exec dotnet run -c Release --project bench/FundsBench -- --units 20000 --repeats 5 --naive-units 2000 "$@"
