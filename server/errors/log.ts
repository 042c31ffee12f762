// Internal errors are logged here, once, with the request id the client was given.
import { rootCause } from "./graphqlErrorLike";
export type ErrorLogger = (line: string) => void;

export const defaultErrorLogger: ErrorLogger = (line) => console.error(line);

/** One JSON line: request id, error name and message, stack (server side only). */
export function logInternalError(requestId: string, error: unknown, log: ErrorLogger = defaultErrorLogger): void {
  const cause = rootCause(error);
  const err = cause instanceof Error ? cause : new Error(String(cause));
  log(JSON.stringify({ level: "error", requestId, name: err.name, message: err.message, stack: err.stack }));
}
