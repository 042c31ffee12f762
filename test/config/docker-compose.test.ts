// docker-compose.yml cannot run here (no Docker engine); check what it promises instead.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseDatabaseUrl } from "../../server/db/database";

const root = path.resolve(import.meta.dirname, "../..");
const compose = parse(readFileSync(path.join(root, "docker-compose.yml"), "utf8"), { merge: true });

describe("docker-compose.yml", () => {
  it("runs PostgreSQL 16, the web app and a runner", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["postgres", "runner", "web"]);
    expect(compose.services.postgres.image).toMatch(/^postgres:16(\.|$|-)/);
    expect(compose.services.postgres.healthcheck.test.join(" ")).toContain("pg_isready");
    // Same collation as the embedded server, so prefix search is an index range scan.
    expect(compose.services.postgres.environment.POSTGRES_INITDB_ARGS).toContain("--locale=C");
  });

  it("gives web and runner the same valid DATABASE_URL, pointing at the postgres service and its credentials", () => {
    const pgEnv = compose.services.postgres.environment;
    for (const name of ["web", "runner"]) {
      const service = compose.services[name];
      const url = parseDatabaseUrl(service.environment.DATABASE_URL);
      expect(url.hostname).toBe("postgres");
      expect(decodeURIComponent(url.username)).toBe(pgEnv.POSTGRES_USER);
      expect(decodeURIComponent(url.password)).toBe(pgEnv.POSTGRES_PASSWORD);
      expect(url.pathname.slice(1)).toBe(pgEnv.POSTGRES_DB);
      expect(service.depends_on.postgres.condition).toBe("service_healthy");
      expect(service.build).toBe(".");
    }
  });

  it("runs commands that exist in package.json and publishes the dashboard port", () => {
    const scripts = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts;
    for (const name of ["web", "runner"]) {
      const command: string[] = compose.services[name].command;
      expect(command[0]).toBe("npm");
      const script = command[1] === "run" ? command[2] : command[1];
      expect(scripts[script], `${name} runs npm ${script}`).toBeDefined();
    }
    expect(compose.services.web.ports).toContain("3000:3000");
    expect(compose.services.web.environment.PORT).toBe("3000");
  });

  it("lets the runner scale (--scale runner=N): workers with no fixed name or published port", () => {
    const runner = compose.services.runner;
    expect(runner.command).toEqual(["npm", "run", "worker"]);
    expect(runner.container_name).toBeUndefined();
    expect(runner.ports).toBeUndefined();
    // Every worker and the web service see the bundles at the same path (queued sweeps name it).
    expect(runner.volumes).toContain("./bundles:/bundles:ro");
    expect(compose.services.web.volumes).toContain("./bundles:/bundles:ro");
  });

  it("has a Dockerfile the services build from", () => {
    const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toContain("npm ci");
  });
});
