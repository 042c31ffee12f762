export * from "./errors";
export { classifyError, errorResponseBody, formatGraphQLError, httpStatusOf, INTERNAL_MESSAGE, isUniqueViolation, sqlState, type ClassifiedError } from "./format";
export { defaultErrorLogger, logInternalError, type ErrorLogger } from "./log";
