/**
 * A live `salesgate serve` for the tests: on its managed local PostgreSQL in a throwaway data
 * dir, on a free loopback port; tokens signed with the JWT secret the test writes into the data
 * dir before the start. `stop()` sends SIGTERM (the server stops its cluster) and removes the
 * dir; it also runs when the test process exits early.
 */

import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The package directory (clients/typescript), from dist-test/test/ or test/. */
const here = dirname(fileURLToPath(import.meta.url));
export const packageDir = resolve(here, here.includes("dist-test") ? "../.." : "..");
export const repoDir = resolve(packageDir, "../..");

export type Role =
  | "owner"
  | "admin"
  | "operator"
  | "viewer"
  | "guest"
  | "platform_admin"
  | "platform_owner"
  | "service";

export interface Server {
  baseUrl: string;
  /** An HS256 token for `role` (tenant roles need `tenantId`). */
  token(role: Role, tenantId?: string, sub?: string): string;
  stop(): Promise<void>;
}

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

export function sign(secret: string, claims: Record<string, unknown>): string {
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify(claims));
  const mac = createHmac("sha256", secret).update(`${head}.${body}`).digest();
  return `${head}.${body}.${b64url(mac)}`;
}

/** Starts `salesgate serve` (SALESGATE_BIN, default target/debug/salesgate of the repository). */
export async function startServer(): Promise<Server> {
  const bin = process.env.SALESGATE_BIN ?? join(repoDir, "target/debug/salesgate");
  if (!existsSync(bin)) {
    throw new Error(`${bin} does not exist: cargo build -p salesgate-server --bin salesgate (or set SALESGATE_BIN)`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), "salesgate-client-test-"));
  const secret = randomBytes(32).toString("hex");
  writeFileSync(join(dataDir, "jwt-secret"), `${secret}\n`, { mode: 0o600 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    INTEGRATION_SECRETS_MASTER_KEY: randomBytes(32).toString("base64"),
    SALESGATE_LOG: process.env.SALESGATE_TEST_LOG ?? "warn",
  };
  // The managed local database and the secret of the data dir, whatever the caller's environment says.
  for (const name of ["DATABASE_URL", "SALESGATE_JWT_SECRETS", "SALESGATE_JWT_AUDIENCE", "SALESGATE_LISTEN", "SALESGATE_DATA_DIR"]) {
    delete env[name];
  }
  const child = spawn(bin, ["serve", "--data-dir", dataDir, "--listen", "127.0.0.1:0", "--runtimes", "1", "--pool-size", "6"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stopped = false;
  const cleanup = (): void => {
    if (!stopped) {
      stopped = true;
      child.kill("SIGTERM");
    }
  };
  // A test process that ends without stop() (a crash, an interrupt) takes the server down too.
  process.once("exit", () => {
    cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });
  let output = "";
  try {
    const baseUrl = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`salesgate serve did not start in 120 s:\n${output}`)), 120_000);
      const read = (chunk: Buffer): void => {
        output += chunk.toString();
        const m = /salesgate: serving (http:\/\/\S+)/.exec(output);
        if (m?.[1]) {
          clearTimeout(timer);
          ok(m[1]);
        }
      };
      child.stdout?.on("data", read);
      child.stderr?.on("data", read);
      child.once("exit", (code) => {
        clearTimeout(timer);
        fail(new Error(`salesgate serve exited (${code}) before serving:\n${output}`));
      });
    });
    // The server's log is shown with SALESGATE_TEST_LOG (its level), else drained.
    if (process.env.SALESGATE_TEST_LOG) {
      child.stdout?.pipe(process.stderr);
      child.stderr?.pipe(process.stderr);
    } else {
      child.stdout?.resume();
      child.stderr?.resume();
    }
    return {
      baseUrl,
      token(role, tenantId, sub = "test-user") {
        const claims: Record<string, unknown> = { sub, role, exp: Math.floor(Date.now() / 1000) + 3600 };
        if (tenantId !== undefined) {
          claims.tenant_id = tenantId;
        }
        return sign(secret, claims);
      },
      async stop() {
        await stopChild(child, () => (stopped = true));
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await stopChild(child, () => (stopped = true));
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}

async function stopChild(child: ChildProcess, mark: () => void): Promise<void> {
  mark();
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}
