"use client";
// The error state of every view (each route's error.tsx re-exports this).

export function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // Server errors arrive without their message in production; the digest matches the server log.
  return (
    <div className="error-state" role="alert">
      <h1>This view could not be loaded</h1>
      <p>
        {error.digest
          ? "The server could not read the results database. The server log has the details"
          : error.message || "Something went wrong."}
        {error.digest ? (
          <>
            {" "}
            (reference <code>{error.digest}</code>).
          </>
        ) : null}
      </p>
      <p>
        <button type="button" className="button" onClick={() => reset()}>
          Try again
        </button>{" "}
        <a href="/status">Check the status page</a>
      </p>
    </div>
  );
}
