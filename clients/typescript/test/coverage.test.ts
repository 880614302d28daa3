/**
 * Completeness: every operation of the route table (as the live server's OpenAPI document
 * lists it) has its generated function, with the document's method and path, and no generated
 * function is left over; every method of storage-api.md and every Appendix A operation
 * (docs/storage-api-methods.txt) is a method of SalesgateStorage.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ops, SalesgateStorage } from "../src/index.js";
import { packageDir, repoDir, startServer, type Server } from "./harness.js";

let server: Server;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

interface OpenApi {
  paths: Record<string, Record<string, { operationId?: string }>>;
}

test("every operation of the served OpenAPI document has a generated function, with its method and path", async () => {
  const response = await fetch(`${server.baseUrl}/v1/openapi.json`);
  assert.equal(response.status, 200);
  const doc = (await response.json()) as OpenApi;
  const served = new Map<string, { method: string; path: string }>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (operation.operationId) {
        served.set(operation.operationId, { method: method.toUpperCase(), path });
      }
    }
  }
  assert.ok(served.size > 200, `the document lists ${served.size} operations`);
  const generated = ops.operations as Record<string, { method: string; path: string }>;
  const functions = ops as unknown as Record<string, unknown>;
  const missing: string[] = [];
  for (const [id, route] of served) {
    if (typeof functions[id] !== "function" || !generated[id]) {
      missing.push(id);
      continue;
    }
    assert.deepEqual(generated[id], route, `${id}: method and path`);
  }
  assert.deepEqual(missing, [], "operations without a generated function (run `cargo run -p salesgate-clientgen`)");
  const stale = Object.keys(generated).filter((id) => !served.has(id));
  assert.deepEqual(stale, [], "generated functions of operations the server does not have");
});

test("every storage-api method and Appendix A operation is a method of SalesgateStorage", () => {
  const lines = readFileSync(join(repoDir, "docs/storage-api-methods.txt"), "utf8")
    .split("\n")
    .filter((l) => l.startsWith("§"));
  const storage = lines.filter((l) => /^§\d+ /.test(l)).map((l) => l.split(" ")[1] ?? "");
  const appendix = lines.filter((l) => l.startsWith("§A")).map((l) => l.split(" ")[1] ?? "");
  assert.equal(storage.length, 165, "the 165 methods of the old IStorage");
  assert.ok(appendix.length > 50, `${appendix.length} Appendix A operations`);
  const proto = SalesgateStorage.prototype as unknown as Record<string, unknown>;
  const missing = [...storage, ...appendix].filter((name) => typeof proto[name] !== "function");
  assert.deepEqual(missing, [], "listed methods SalesgateStorage lacks");

  // The IStorage interface (which the class implements) declares exactly the 165 methods.
  const source = readFileSync(join(packageDir, "src/istorage.ts"), "utf8");
  const body = /export interface IStorage \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? "";
  const declared = [...body.matchAll(/^ {2}([a-zA-Z]+)\(/gm)].map((m) => m[1] ?? "");
  assert.deepEqual([...declared].sort(), [...storage].sort(), "IStorage declares the methods of storage-api.md");
});
