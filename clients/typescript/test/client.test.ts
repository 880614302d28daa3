/**
 * The transport on its own (a fake `fetch`): retries of reads on 503 after Retry-After and
 * never of writes, the token as a string or a callback (rotation), the request id sent and
 * read back from errors, pages, and the typed error. Also: the package's main entry imports no
 * Node module (it must load in a Cloudflare Worker), and the context store of `./node`.
 */

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { detectContextStore, ops, SalesgateClient, SalesgateError, SalesgateStorage } from "../src/index.js";
import { asyncLocalContext } from "../src/node.js";

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A `fetch` answering from `answers` in turn, recording the requests. */
function fakeFetch(answers: Array<() => Response>): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  let i = 0;
  const f = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    seen.push({
      method: init?.method ?? "GET",
      url: String(input),
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === "string" ? init.body : undefined,
    });
    const answer = answers[Math.min(i++, answers.length - 1)];
    assert.ok(answer, "an answer");
    return answer();
  };
  return { fetch: f as typeof fetch, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const unavailable = (): Response =>
  json(503, { error: { code: "unavailable", message: "database unavailable", details: [], requestId: "r-503" } }, { "retry-after": "0" });

const tenant = { id: "t1", name: "A", createdAt: "2026-01-02T03:04:05.678Z" };

test("reads are retried on 503 after Retry-After; the answer of the retry is returned", async () => {
  const { fetch, seen } = fakeFetch([unavailable, unavailable, () => json(200, tenant)]);
  const client = new SalesgateClient({ baseUrl: "http://sg.test/", token: "tok", fetch });
  const t = await ops.getTenant(client, { tenantId: "t1" });
  assert.equal(t.id, "t1");
  assert.equal(seen.length, 3);
  assert.equal(seen[0]?.url, "http://sg.test/v1/tenants/t1");
});

test("reads give up after `retries`, with the typed error", async () => {
  const { fetch, seen } = fakeFetch([unavailable]);
  const client = new SalesgateClient({ baseUrl: "http://sg.test", token: "tok", fetch, retries: 1 });
  await assert.rejects(ops.getTenant(client, { tenantId: "t1" }), (e: unknown) => {
    assert.ok(e instanceof SalesgateError);
    assert.equal(e.status, 503);
    assert.ok(e.isUnavailable);
    assert.equal(e.requestId, "r-503");
    return true;
  });
  assert.equal(seen.length, 2);
});

test("writes are never retried", async () => {
  const { fetch, seen } = fakeFetch([unavailable, () => json(201, tenant)]);
  const client = new SalesgateClient({ baseUrl: "http://sg.test", token: "tok", fetch });
  await assert.rejects(ops.createTenant(client, { body: { name: "A" } }), (e: unknown) => e instanceof SalesgateError && e.status === 503);
  assert.equal(seen.length, 1, "one attempt");
  assert.equal(seen[0]?.method, "POST");
  assert.equal(seen[0]?.body, JSON.stringify({ name: "A" }));
  assert.equal(seen[0]?.headers["content-type"], "application/json");
});

test("the token: a string, or a callback asked for every request (rotation); the request id is sent", async () => {
  const { fetch, seen } = fakeFetch([() => json(200, tenant)]);
  let n = 0;
  const client = new SalesgateClient({ baseUrl: "http://sg.test", token: async () => `tok-${++n}`, requestId: () => "req-42", fetch });
  await ops.getTenant(client, { tenantId: "t1" });
  await ops.getTenant(client, { tenantId: "t1" });
  assert.deepEqual(
    seen.map((s) => s.headers.authorization),
    ["Bearer tok-1", "Bearer tok-2"],
  );
  assert.equal(seen[0]?.headers["x-request-id"], "req-42");
});

test("errors carry status, code, field details and the request id; conflicts are recognisable", async () => {
  const conflict = json(409, { error: { code: "conflict", message: "taken", details: [{ path: "/externalId", code: "taken", message: "in use" }], requestId: "r-1" } });
  const { fetch } = fakeFetch([() => conflict]);
  const client = new SalesgateClient({ baseUrl: "http://sg.test", token: "t", fetch });
  await assert.rejects(ops.createCustomer(client, { tenantId: "t1", body: {} }), (e: unknown) => {
    assert.ok(e instanceof SalesgateError);
    assert.deepEqual([e.status, e.code, e.requestId, e.operation], [409, "conflict", "r-1", "createCustomer"]);
    assert.deepEqual(e.details, [{ path: "/externalId", code: "taken", message: "in use" }]);
    assert.ok(e.isConflict && !e.isNotFound && !e.isValidation);
    assert.match(e.message, /\/externalId: taken/);
    return true;
  });
  // A non-JSON error answer still is the typed error, its request id from the header.
  const { fetch: f2 } = fakeFetch([() => new Response("bad gateway", { status: 502, headers: { "x-request-id": "r-2" } })]);
  const c2 = new SalesgateClient({ baseUrl: "http://sg.test", token: "t", fetch: f2 });
  await assert.rejects(ops.getTenant(c2, { tenantId: "t1" }), (e: unknown) => e instanceof SalesgateError && e.status === 502 && e.requestId === "r-2");
});

test("pages carry the next cursor; the storage reads every page and converts timestamps", async () => {
  const row = (id: string) => ({ ...tenant, id, tenantId: "t1", type: "telegram", name: id, isActive: true });
  const { fetch, seen } = fakeFetch([
    () => json(200, [row("c1"), row("c2")], { "x-next-cursor": "c2" }),
    () => json(200, [row("c3")]),
  ]);
  const storage = new SalesgateStorage({ baseUrl: "http://sg.test", token: "t", fetch, pageSize: 2 });
  const channels = await storage.getChannelsByTenant("t1");
  assert.deepEqual(
    channels.map((c) => c.id),
    ["c1", "c2", "c3"],
  );
  assert.ok(channels[0]?.createdAt instanceof Date);
  assert.equal(channels[0]?.createdAt.toISOString(), "2026-01-02T03:04:05.678Z");
  assert.deepEqual(
    seen.map((s) => new URL(s.url).search),
    ["?limit=2", "?limit=2&after=c2"],
  );
});

test("deletes answer booleans; not found is undefined; a 404 route is still an error", async () => {
  const notFound = () => json(404, { error: { code: "not_found", message: "no", details: [], requestId: "r" } });
  const { fetch } = fakeFetch([() => new Response(null, { status: 204 }), notFound, notFound, () => json(404, { error: { code: "route_not_found", message: "no route", details: [] } })]);
  const storage = new SalesgateStorage({ baseUrl: "http://sg.test", token: "t", fetch, tenantId: "t1" });
  assert.equal(await storage.deleteProduct("p1"), true);
  assert.equal(await storage.deleteProduct("p1"), false);
  assert.equal(await storage.getProduct("p1"), undefined);
  await assert.rejects(storage.getProduct("p1"), (e: unknown) => e instanceof SalesgateError && e.code === "route_not_found");
});

test("the context store: detected without importing a Node module, or from ./node", async () => {
  const detected = detectContextStore();
  assert.ok(detected, "Node ≥ 20.16 has process.getBuiltinModule");
  for (const store of [detected, asyncLocalContext()]) {
    const seen = await store.run({ tenantId: "t9" }, async () => {
      await new Promise((ok) => setTimeout(ok, 1));
      return store.getStore()?.tenantId;
    });
    assert.equal(seen, "t9");
    assert.equal(store.getStore(), undefined);
  }
});

test("the main entry imports no Node module (it loads in a Cloudflare Worker)", () => {
  const src = join(dirname(fileURLToPath(import.meta.url)), "../src");
  for (const file of readdirSync(src).filter((f) => f.endsWith(".js") && f !== "node.js")) {
    const text = readFileSync(join(src, file), "utf8");
    assert.doesNotMatch(text, /from\s+["']node:|require\(["']node:|import\(["']node:/, `${file} imports a Node module`);
    assert.doesNotMatch(text, /from\s+["']\.\/node\.js["']/, `${file} imports ./node.js`);
  }
});
