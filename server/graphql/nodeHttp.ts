// node:http adapter of executeGraphQLHttp: a standalone GraphQL server without Next.js (used by
// bench/api.ts). Same limits; an oversized body is answered 413 and the connection closed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { PayloadTooLargeError } from "../errors";
import { executeGraphQLHttp, type ApiDeps } from "./http";

function readNodeBody(request: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(request.headers["content-length"] ?? NaN);
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.reject(new PayloadTooLargeError(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) {
        request.off("data", onData);
        request.pause();
        reject(new PayloadTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.once("error", reject);
  });
}

function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

async function handle(request: IncomingMessage, response: ServerResponse, deps: ApiDeps): Promise<void> {
  const output = await executeGraphQLHttp(
    {
      method: (request.method ?? "GET").toUpperCase(),
      url: request.url ?? "/",
      headers: headersOf(request),
      readBody: (limit) => readNodeBody(request, limit),
      socketAddress: request.socket.remoteAddress,
    },
    deps,
  );
  const headers: Record<string, string> = {};
  output.headers.forEach((value, key) => (headers[key] = value));
  // A body left unread (refused as too large) cannot be drained politely: close the connection.
  if (!request.complete) headers.connection = "close";
  response.writeHead(output.status, headers);
  if (typeof output.body === "string") response.end(output.body);
  else {
    for await (const chunk of output.body) response.write(chunk);
    response.end();
  }
  if (!request.complete) response.once("finish", () => request.destroy());
}

/** A node:http server answering GraphQL on every path. */
export function createNodeGraphQLServer(deps: ApiDeps): Server {
  return createServer((request, response) => {
    handle(request, response, deps).catch(() => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end();
    });
  });
}
