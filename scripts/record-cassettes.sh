#!/usr/bin/env bash
# Re-record every cassette against the local server, with a canary key planted to prove none leaks.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8765}"
scripts/local-llm-server.sh start "$PORT" > .llm-server/server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do
    curl -sf "http://127.0.0.1:$PORT/v1/models" > /dev/null && break
    sleep 1
done
# From scratch: a cassette being re-recorded would otherwise also hold its old requests while the tests run.
rm -f cassettes/test_llm_cassettes/*.yaml cassettes/test_example_downstream/*.yaml
export CLAIMKIT_RECORD=all
export CLAIMKIT_RECORD_BASE_URL="http://127.0.0.1:$PORT/v1"
export CLAIMKIT_RECORD_MODEL=gemma3-270m
export CLAIMKIT_RECORD_TIMEOUT="${CLAIMKIT_RECORD_TIMEOUT:-1800}"  # a request is one exchange, timed in total
export OPENAI_API_KEY="sk-canary-claimkit-$(date +%s)0000"
.venv/bin/pytest -p no:cacheprovider tests/test_llm_cassettes.py tests/test_example_downstream.py
# A run of its own: its cases are the cassette files, collected once they exist.
.venv/bin/pytest -p no:cacheprovider tests/test_cassette_hygiene.py
