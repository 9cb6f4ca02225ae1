#!/usr/bin/env bash
# Every test of the platform against real PostgreSQL, RabbitMQ and Redis (started here, installed if missing).
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Governance]
set -euo pipefail
cd "$(dirname "$0")"

# Throw-away test databases: PostgreSQL without fsync (PLATFORM_PG_FAST=1); run.sh and the benchmarks run durable.
PLATFORM_PG_FAST=1 deploy/local/infra.sh up >/dev/null
eval "$(deploy/local/infra.sh env)"
# The tests' events stay on their own virtual host, away from the queues of a local ./run.sh.
export PLATFORM_RABBITMQ="$PLATFORM_RABBITMQ_TESTS"

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build Platform.sln -nologo -clp:ErrorsOnly
status=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build -nologo --results-directory "$results" --logger "trx;LogFileName=$name.trx" "$@" || status=$?
done

# One closing line over all test assemblies, so a run that executed nothing is visible.
passed=0 failed=0 skipped=0

# The newcomer's first command, end to end: ./run.sh --demo, then curl through the gateway.
# PLATFORM_SKIP_SMOKE=1 leaves it out (it takes about a minute and a half).
if [ "${PLATFORM_SKIP_SMOKE:-0}" != 1 ] && [ "$#" -eq 0 ]; then
  if deploy/local/smoke.sh >"$results/smoke.log" 2>&1; then
    passed=$((passed + 1))
    echo "Smoke: ./run.sh --demo serves the demo county through the gateway, with tokens and isolation (log: $results/smoke.log)"
  else
    failed=$((failed + 1))
    status=1
    echo "Smoke FAILED: ./run.sh --demo (log below)" >&2
    tail -n 60 "$results/smoke.log" >&2
  fi
fi

for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed)))
  skipped=$((skipped + $(value notExecuted)))
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
