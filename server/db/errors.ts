/** Database configuration and lifecycle failures: one clear line for the user, a code for tests. */
export type DatabaseErrorCode =
  | "DATABASE_URL_MALFORMED"
  | "DATABASE_UNREACHABLE"
  | "EMBEDDED_DATA_DIR"
  | "EMBEDDED_IN_USE"
  | "EMBEDDED_ORPHAN"
  | "EMBEDDED_START"
  | "MIGRATION_FAILED";

export class DatabaseError extends Error {
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DatabaseError";
  }
}
