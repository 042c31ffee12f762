#!/usr/bin/env bash
# Runs the packed benchmarks (bench/offline/pack.sh) on a machine without npm: the WebGPU parity
# check, then the sweep benchmark on CPU and on WebGPU. Run from the repository root.
set -uo pipefail
rt=$(mktemp -d /tmp/ra-offline-XXXX)
chmod 755 "$rt" # embedded PostgreSQL runs as user postgres when we are root
xz -dc .offline/node.xz >"$rt/node" && chmod +x "$rt/node"
tar -C "$rt" -xJf .offline/runtime.tar.xz
cd "$rt"
"$rt/node" --version
status=0
"$rt/node" bench/offline/webgpu.mjs --ids 131072 --transformer-ids 4096 || status=$?
"$rt/node" bench/offline/sweep.mjs --device cpu --cases llama3.1,transformer,transformer-kv "$@" || status=$?
"$rt/node" bench/offline/sweep.mjs --device webgpu --cases llama3.1,transformer,transformer-kv "$@" || status=$?
exit $status
