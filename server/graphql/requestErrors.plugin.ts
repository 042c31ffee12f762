// Every response carries its request id (x-request-id header, and extensions.requestId on each
// error); internal errors are logged with that id, once, on the server only. A request that failed
// as a whole (errors, no data) gets the HTTP status of its first error's code (429, 413, 400...).
import type { ApolloServerPlugin } from "@apollo/server";
import { classifyError, defaultErrorLogger, httpStatusOf, logInternalError, type ErrorLogger } from "../errors";
import type { GraphQLContext } from "./context";

export function requestErrorsPlugin(log: ErrorLogger = defaultErrorLogger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (classifyError(error).internal) logInternalError(contextValue.requestId, error, log);
          }
        },
        async willSendResponse({ response, contextValue }) {
          response.http.headers.set("x-request-id", contextValue.requestId);
          if (response.body.kind !== "single" || !response.body.singleResult.errors?.length) return;
          const result = response.body.singleResult;
          // Apollo answers 500 for errors thrown before execution (e.g. the cost limit); a status it
          // chose on purpose (400 validation, 405, 200 for persisted-query misses) is kept.
          if (result.data === undefined && (response.http.status === undefined || response.http.status === 500)) {
            const code = String(result.errors?.[0]?.extensions?.code ?? "INTERNAL_SERVER_ERROR");
            response.http.status = httpStatusOf({ code, message: "", details: {}, internal: false });
          }
          result.errors = result.errors?.map((error) => ({
            ...error,
            extensions: { ...error.extensions, requestId: contextValue.requestId },
          }));
        },
      };
    },
  };
}
