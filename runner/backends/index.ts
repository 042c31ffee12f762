export * from "./types";
export * from "./onnx";
export * from "./vllm";
