/**
 * The IStorage layer against a live `salesgate serve`: every method of storage-api.md and every
 * Appendix A operation, each called with its semantics checked (Dates, `undefined` for another
 * tenant's rows, booleans of deletes, whole lists, the typed errors). A recorder around the
 * storages notes every method called; the last test fails when a listed method was not.
 */

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ListTooLongError, SalesgateError, SalesgateStorage, TenantRequiredError, type Customer, type Tenant } from "../src/index.js";
import { repoDir, startServer, type Role, type Server } from "./harness.js";

let server: Server;
const called = new Set<string>();

/** A storage whose method calls are recorded in `called`. */
function recorded(storage: SalesgateStorage): SalesgateStorage {
  return new Proxy(storage, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof name === "string" && typeof value === "function") {
        return (...args: unknown[]) => {
          called.add(name);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
}

function storageAs(role: Role, options: { tenantId?: string; sub?: string; maxListRows?: number; pageSize?: number } = {}): SalesgateStorage {
  const { tenantId, sub, ...rest } = options;
  const tokenTenant = role === "service" || role.startsWith("platform") ? undefined : tenantId;
  return recorded(
    new SalesgateStorage({ baseUrl: server.baseUrl, token: server.token(role, tokenTenant, sub), ...(tenantId ? { tenantId } : {}), ...rest }),
  );
}

/** The trusted backend: `service`, no tenant of its own (the old trust model). */
let svc: SalesgateStorage;
/** Platform staff (a platform owner whose `sub` is a user, as admin actions reference it). */
let staff: SalesgateStorage;
let A: Tenant;
let B: Tenant;

async function rejectsWith(call: Promise<unknown>, status: number, code?: string): Promise<SalesgateError> {
  try {
    await call;
  } catch (e) {
    assert.ok(e instanceof SalesgateError, `a SalesgateError, not ${String(e)}`);
    assert.equal(e.status, status, e.message);
    if (code !== undefined) {
      assert.equal(e.code, code, e.message);
    }
    return e;
  }
  assert.fail(`expected a ${status}`);
}

function isDate(v: unknown, what: string): asserts v is Date {
  assert.ok(v instanceof Date && !Number.isNaN(v.getTime()), `${what} is a Date: ${String(v)}`);
}

function near(d: Date | null | undefined, expected: number, ms: number, what: string): void {
  isDate(d, what);
  assert.ok(Math.abs(d.getTime() - expected) <= ms, `${what}: ${d.toISOString()} vs ${new Date(expected).toISOString()}`);
}

const ids = <T extends { id: string }>(rows: T[]): string[] => rows.map((r) => r.id);
let seq = 0;
const unique = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${seq++}`;

before(async () => {
  server = await startServer();
  svc = storageAs("service");
  A = await svc.createTenant({ name: "Store A" });
  B = await svc.createTenant({ name: "Store B" });
  const admin = await svc.createUser({ tenantId: A.id, username: "platform-owner", password: "x" });
  staff = storageAs("platform_owner", { sub: admin.id });
});

after(async () => {
  await server?.stop();
});

// ---- §1 Tenants

test("§1 tenants: get, default, templates, create, update", async () => {
  isDate(A.createdAt, "createdAt");
  near(A.createdAt, Date.now(), 60_000, "createdAt");
  const got = await svc.getTenant(A.id);
  assert.equal(got?.name, "Store A");
  isDate(got?.createdAt, "getTenant createdAt");
  assert.equal(await svc.getTenant("no-such-tenant"), undefined);
  assert.equal((await svc.getDefaultTenant())?.id, A.id, "the oldest tenant");

  const defaults = await svc.getTenantTemplates(A.id);
  for (const key of ["gearboxLookupFound", "gearboxLookupModelOnly", "gearboxTagRequest", "gearboxLookupFallback", "gearboxNoVin"] as const) {
    assert.ok(defaults[key].length > 0, key);
  }
  const updated = await svc.updateTenant(A.id, { templates: { gearboxNoVin: "Пришлите VIN", gearboxTagRequest: "" }, id: A.id, createdAt: A.createdAt });
  assert.deepEqual(updated?.templates, { gearboxNoVin: "Пришлите VIN", gearboxTagRequest: "" });
  const templates = await svc.getTenantTemplates(A.id);
  assert.equal(templates.gearboxNoVin, "Пришлите VIN");
  assert.equal(templates.gearboxTagRequest, defaults.gearboxTagRequest, "an empty override falls back to the default");
  assert.equal((await svc.updateTenant(A.id, { timezone: "Asia/Tokyo" }))?.timezone, "Asia/Tokyo");
  assert.equal(await svc.updateTenant("no-such-tenant", { name: "x" }), undefined);
});

// ---- §2 Channels

let channelA: string;

test("§2 channels: scoped get, lists of a tenant and a type, update", async () => {
  const c = await svc.createChannel({ tenantId: A.id, type: "telegram", name: "TG", config: { botToken: "123:abc" } });
  channelA = c.id;
  assert.equal(c.tenantId, A.id);
  assert.deepEqual(c.config, { botToken: "123:abc" }, "service reads the config");
  isDate(c.createdAt, "createdAt");
  const cb = await svc.createChannel({ tenantId: B.id, type: "max", name: "MAX" });
  assert.equal((await svc.getChannel(c.id))?.name, "TG", "the owner is found without a tenant at hand");
  assert.equal(await svc.withTenant(B.id, () => svc.getChannel(c.id)), undefined, "another tenant's channel is not found");
  assert.deepEqual(ids(await svc.getChannelsByTenant(A.id)), [c.id]);
  assert.deepEqual(ids(await svc.getChannelsByTenant(B.id)), [cb.id]);
  assert.ok(ids(await svc.getChannelsByType("telegram")).includes(c.id));
  assert.ok(!ids(await svc.getChannelsByType("telegram")).includes(cb.id));
  assert.equal((await svc.updateChannel(c.id, { name: "TG main" }))?.name, "TG main");
  assert.equal(await svc.updateChannel("no-such-channel", { name: "x" }), undefined);
  assert.equal(await svc.withTenant(B.id, () => svc.updateChannel(c.id, { name: "stolen" })), undefined);
  assert.equal((await svc.getChannel(c.id))?.name, "TG main");
  // An operator does not read configs (secret fields by role).
  const operator = storageAs("operator", { tenantId: A.id });
  const seen = await operator.getChannel(c.id);
  assert.equal(seen?.name, "TG main");
  assert.equal(seen?.config, undefined);
});

// ---- §3–§6 Users, invites, e-mail tokens, account linking

let userId: string;

test("§3 users: create, lookups, login attempts and success", async () => {
  const u = await svc.createUser({ tenantId: A.id, username: "ivan", password: "hash-1", email: "Ivan@Example.com", role: "operator" });
  userId = u.id;
  assert.equal(u.email, "ivan@example.com");
  assert.equal(u.password, "hash-1", "service reads the hash");
  isDate(u.createdAt, "createdAt");
  assert.equal((await svc.getUser(u.id))?.username, "ivan");
  assert.equal(await svc.getUser("no-such-user"), undefined);
  assert.equal((await svc.getUserByUsername("ivan"))?.id, u.id);
  assert.equal(await svc.getUserByUsername("Ivan"), undefined, "case-sensitive");
  assert.equal((await svc.getUserByEmail("IVAN@example.COM"))?.id, u.id, "lower-cased");
  assert.equal(await svc.getUserByEmail("nobody@example.com"), undefined);

  await svc.updateUserLoginAttempts(u.id, 1, null);
  let now = await svc.getUser(u.id);
  assert.equal(now?.failedLoginAttempts, 1);
  assert.equal(now?.lockedUntil, null);
  const until = new Date(Date.now() + 15 * 60_000);
  await svc.updateUserLoginAttempts(u.id, 2, until);
  now = await svc.getUser(u.id);
  assert.equal(now?.failedLoginAttempts, 2);
  near(now?.lockedUntil, until.getTime(), 5_000, "lockedUntil");

  await svc.updateUserLoginSuccess(u.id);
  now = await svc.getUser(u.id);
  assert.equal(now?.failedLoginAttempts, 0);
  assert.equal(now?.lockedUntil, null);
  near(now?.lastLoginAt, Date.now(), 60_000, "lastLoginAt");
  await svc.updateUserLoginSuccess("no-such-user"); // void, as before: no error
});

test("§4 invites: by token hash, pending for an e-mail, used once", async () => {
  const expiresAt = new Date(Date.now() + 86_400_000);
  const inv = await svc.createUserInvite({ tenantId: A.id, email: "new@example.com", tokenHash: "inv-hash-1", expiresAt, role: "viewer" });
  assert.equal(inv.expiresAt.getTime(), expiresAt.getTime(), "a Date in, the same Date out");
  assert.equal(inv.usedAt, null);
  assert.equal((await svc.getUserInviteByTokenHash("inv-hash-1"))?.id, inv.id);
  assert.equal(await svc.getUserInviteByTokenHash("nope"), undefined);
  assert.equal((await svc.getPendingInviteForEmail(A.id, "NEW@example.com"))?.id, inv.id);
  assert.equal(await svc.getPendingInviteForEmail(B.id, "new@example.com"), undefined);
  await svc.markUserInviteUsed(inv.id);
  near((await svc.getUserInviteByTokenHash("inv-hash-1"))?.usedAt, Date.now(), 60_000, "usedAt");
  assert.equal(await svc.getPendingInviteForEmail(A.id, "new@example.com"), undefined, "a used invite is not pending");
  await rejectsWith(svc.markUserInviteUsed(inv.id), 409, "invalid_state");
});

test("§5 e-mail tokens and password; §6 account linking", async () => {
  const expiresAt = new Date(Date.now() + 3_600_000);
  const t = await svc.createEmailToken({ userId, tokenHash: "email-hash-1", type: "email_verification", expiresAt });
  assert.equal(t.expiresAt.getTime(), expiresAt.getTime());
  assert.equal((await svc.getEmailTokenByHash("email-hash-1"))?.id, t.id);
  assert.equal(await svc.getEmailTokenByHash("nope"), undefined);
  await svc.markEmailTokenUsed(t.id);
  isDate((await svc.getEmailTokenByHash("email-hash-1"))?.usedAt, "usedAt");

  const r1 = await svc.createEmailToken({ userId, tokenHash: "reset-1", type: "password_reset", expiresAt });
  const r2 = await svc.createEmailToken({ userId, tokenHash: "reset-2", type: "password_reset", expiresAt: expiresAt.toISOString() });
  const keep = await svc.createEmailToken({ userId, tokenHash: "verify-2", type: "email_verification", expiresAt });
  await svc.invalidateUserTokens(userId, "password_reset");
  isDate((await svc.getEmailTokenByHash("reset-1"))?.usedAt, "reset-1 used");
  isDate((await svc.getEmailTokenByHash("reset-2"))?.usedAt, "reset-2 used");
  assert.equal((await svc.getEmailTokenByHash("verify-2"))?.usedAt, null, "other types stay");
  void r1, r2, keep;

  await svc.updateUserEmailVerified(userId);
  near((await svc.getUser(userId))?.emailVerifiedAt, Date.now(), 60_000, "emailVerifiedAt");
  await svc.updateUserPassword(userId, "hash-2");
  const u = await svc.getUser(userId);
  assert.equal(u?.password, "hash-2");
  isDate(u?.passwordUpdatedAt, "passwordUpdatedAt");

  await svc.linkOidcToUser(userId, "oidc|42");
  const linked = await svc.getUserByOidcId("oidc|42");
  assert.equal(linked?.id, userId);
  assert.equal(linked?.authProvider, "mixed");
  assert.equal(await svc.getUserByOidcId("oidc|none"), undefined);
});

// ---- §7–§9 Customers, notes, memory

let customerA: Customer;
let customerB: Customer;

test("§7 customers: scoped get, lists, literal search, lookup, update; the typed 409 and 422", async () => {
  customerA = await svc.createCustomer({ tenantId: A.id, channel: "telegram", externalId: "c-1", name: "Anna 100%", phone: "+79990001122", email: "anna@example.com" });
  customerB = await svc.createCustomer({ tenantId: B.id, channel: "telegram", externalId: "c-1", name: "Boris" });
  isDate(customerA.createdAt, "createdAt");
  isDate(customerA.updatedAt, "updatedAt");

  const dup = await rejectsWith(svc.createCustomer({ tenantId: A.id, channel: "telegram", externalId: "c-1" }), 409, "conflict");
  assert.ok(dup.isConflict, "a unique key taken is recognisable");
  assert.ok(dup.details.length > 0, "the conflict names the fields");
  assert.ok(dup.requestId, "with the request id");
  const bad = await rejectsWith(svc.createCustomer({ tenantId: A.id, email: "not an e-mail" }), 422, "validation_failed");
  assert.ok(bad.isValidation);
  assert.deepEqual(bad.details.map((d) => d.path), ["/email"]);

  assert.equal((await svc.getCustomer(customerA.id))?.name, "Anna 100%");
  assert.equal(await svc.withTenant(B.id, () => svc.getCustomer(customerA.id)), undefined, "another tenant's id is not found");
  assert.equal(await svc.withTenant(A.id, () => svc.getCustomer(customerB.id)), undefined);
  assert.equal(await svc.getCustomer("no-such-customer"), undefined);
  const ownerA = storageAs("owner", { tenantId: A.id });
  assert.equal((await ownerA.getCustomer(customerA.id))?.id, customerA.id, "a tenant's own token and tenantId option");
  assert.equal(await ownerA.getCustomer(customerB.id), undefined);

  assert.deepEqual(ids(await svc.getCustomersByTenant(A.id)), [customerA.id]);
  assert.deepEqual(ids(await svc.searchCustomers(A.id, "anna")), [customerA.id], "case-insensitive");
  assert.deepEqual(ids(await svc.searchCustomers(A.id, "0001")), [customerA.id], "phone");
  assert.deepEqual(ids(await svc.searchCustomers(A.id, "100%")), [customerA.id]);
  assert.deepEqual(ids(await svc.searchCustomers(A.id, "_")), [], "% and _ match themselves");
  assert.deepEqual(ids(await svc.searchCustomers(A.id, "Boris")), [], "B's customers are not A's");
  assert.equal((await svc.getCustomerByExternalId(A.id, "telegram", "c-1"))?.id, customerA.id);
  assert.equal((await svc.getCustomerByExternalId(B.id, "telegram", "c-1"))?.id, customerB.id);
  assert.equal(await svc.getCustomerByExternalId(A.id, "whatsapp", "c-1"), undefined);

  const updated = await svc.updateCustomer(customerA.id, { name: "Anna K", tags: ["vip"] });
  assert.equal(updated?.name, "Anna K");
  assert.deepEqual(updated?.tags, ["vip"]);
  assert.ok((updated?.updatedAt.getTime() ?? 0) >= customerA.updatedAt.getTime(), "updatedAt maintained");
  assert.equal(await svc.withTenant(B.id, () => svc.updateCustomer(customerA.id, { name: "x" })), undefined);
});

test("whole lists are read through every page, up to maxListRows", async () => {
  const t = await svc.createTenant({ name: "Paged" });
  const made: string[] = [];
  for (let i = 0; i < 5; i++) {
    made.push((await svc.createCustomer({ tenantId: t.id, channel: "max", externalId: `p-${i}` })).id);
  }
  const paged = storageAs("service", { pageSize: 2 });
  assert.deepEqual(ids(await paged.getCustomersByTenant(t.id)), made, "three pages of 2, oldest first");
  const capped = storageAs("service", { pageSize: 2, maxListRows: 3 });
  await assert.rejects(capped.getCustomersByTenant(t.id), (e: unknown) => e instanceof ListTooLongError && e.maxListRows === 3);
});

test("§8 customer notes: newest first, scoped, deletes answer whether they deleted", async () => {
  const n1 = await svc.createCustomerNote({ tenantId: A.id, customerId: customerA.id, noteText: "first", authorUserId: userId });
  const n2 = await svc.createCustomerNote({ tenantId: A.id, customerId: customerA.id, noteText: "second" });
  isDate(n1.createdAt, "createdAt");
  assert.equal((await svc.getCustomerNote(n1.id))?.noteText, "first");
  assert.equal(await svc.withTenant(B.id, () => svc.getCustomerNote(n1.id)), undefined);
  assert.deepEqual(ids(await svc.getCustomerNotes(customerA.id)), [n2.id, n1.id], "newest first");
  assert.deepEqual(await svc.withTenant(B.id, () => svc.getCustomerNotes(customerA.id)), [], "another tenant's customer: none");
  assert.deepEqual(await svc.getCustomerNotes("no-such-customer"), []);
  assert.equal(await svc.withTenant(B.id, () => svc.deleteCustomerNote(n2.id)), false);
  assert.equal(await svc.deleteCustomerNote(n2.id), true);
  assert.equal(await svc.deleteCustomerNote(n2.id), false);
  assert.equal(await svc.getCustomerNotesCount(A.id), 1);
  // A note may not name another tenant's customer (422 naming the field? no: the path's customer is not found).
  await rejectsWith(svc.createCustomerNote({ tenantId: A.id, customerId: customerB.id, noteText: "x" }), 404);
});

test("§9 customer memory: upsert keeps what is not given, topic counters, preference merge", async () => {
  assert.equal(await svc.getCustomerMemory(A.id, customerA.id), undefined);
  const m1 = await svc.upsertCustomerMemory({ tenantId: A.id, customerId: customerA.id, preferences: { gearbox: "AT" }, lastSummaryText: "wants a gearbox" });
  isDate(m1.updatedAt, "updatedAt");
  const m2 = await svc.upsertCustomerMemory({ tenantId: A.id, customerId: customerA.id, frequentTopics: { price: 2 } });
  assert.deepEqual(m2.preferences, { gearbox: "AT" }, "absent: unchanged");
  assert.equal(m2.lastSummaryText, "wants a gearbox");
  assert.deepEqual(m2.frequentTopics, { price: 2 });
  await svc.incrementFrequentTopic(A.id, customerA.id, "price");
  const m3 = await svc.incrementFrequentTopic(A.id, customerA.id, "shipping");
  assert.deepEqual(m3.frequentTopics, { price: 3, shipping: 1 });
  const m4 = await svc.updateCustomerPreferences(A.id, customerA.id, { color: "black", gearbox: "MT" });
  assert.deepEqual(m4.preferences, { gearbox: "MT", color: "black" }, "a shallow merge");
  assert.equal((await svc.getCustomerMemory(A.id, customerA.id))?.id, m1.id);
  assert.equal(await svc.getCustomerMemory(B.id, customerA.id), undefined, "A's customer is not B's");
  // A customer without memory: incrementFrequentTopic creates it.
  const fresh = await svc.createCustomer({ tenantId: A.id, channel: "max", externalId: "mem-2" });
  assert.deepEqual((await svc.incrementFrequentTopic(A.id, fresh.id, "return")).frequentTopics, { return: 1 });
  assert.equal(await svc.getCustomerMemoryCount(A.id), 2);
});

// ---- §10–§11 Conversations and messages

let conv: string;
let messages: string[] = [];
let suggestion: string;

test("§10/§11 conversations and messages: create, detail, lists, counts, transitions", async () => {
  const before = Date.now();
  const c = await svc.createConversation({ tenantId: A.id, customerId: customerA.id, channelId: channelA, lastMessageAt: new Date(0) });
  conv = c.id;
  assert.equal(c.status, "active");
  near(c.lastMessageAt, before, 60_000, "lastMessageAt is the server's now (the given one is not sent)");
  isDate(c.createdAt, "createdAt");
  for (const content of ["Нужна КПП", "На Camry 2012", "VIN JTNBE40K003123456"]) {
    const m = await svc.createMessage({ conversationId: c.id, role: "customer", content, attachments: [{ type: "image", url: "https://example.com/a.jpg" }] });
    messages.push(m.id);
    isDate(m.createdAt, "message createdAt");
  }
  const last = await svc.getMessage(messages[2]!);
  assert.equal(last?.content, "VIN JTNBE40K003123456");
  assert.equal(await svc.withTenant(B.id, () => svc.getMessage(messages[0]!)), undefined);
  const bumped = await svc.getConversation(c.id);
  assert.ok((bumped?.lastMessageAt?.getTime() ?? 0) >= (last?.createdAt.getTime() ?? Infinity) - 1, "lastMessageAt bumped");
  assert.equal(await svc.withTenant(B.id, () => svc.getConversation(c.id)), undefined);

  const withCustomer = await svc.getConversationWithCustomer(c.id);
  assert.equal(withCustomer?.customer.id, customerA.id);
  isDate(withCustomer?.customer.createdAt, "nested customer createdAt");
  assert.equal(withCustomer?.lastMessage?.id, messages[2]);
  isDate(withCustomer?.lastMessage?.createdAt, "nested message createdAt");
  assert.equal(await svc.getConversationWithCustomer("no-such-conversation"), undefined);

  suggestion = (await svc.createAiSuggestion({ conversationId: c.id, suggestedReply: "Подберём КПП", intent: "price", confidence: 0.8 })).id;
  const detail = await svc.getConversationDetail(c.id);
  assert.deepEqual(ids(detail?.messages ?? []), messages, "every message, oldest first");
  isDate(detail?.messages[0]?.createdAt, "nested list createdAt");
  assert.equal(detail?.currentSuggestion?.id, suggestion);
  assert.equal(await svc.withTenant(B.id, () => svc.getConversationDetail(c.id)), undefined);

  const other = await svc.createConversation({ tenantId: A.id, customerId: customerA.id });
  const listed = await svc.getConversationsByTenant(A.id);
  assert.deepEqual(ids(listed).sort(), [c.id, other.id].sort());
  const withChannel = listed.find((x) => x.id === c.id);
  assert.equal(withChannel?.channel?.id, channelA);
  assert.equal(withChannel?.lastMessage?.id, messages[2]);
  assert.deepEqual(await svc.getConversationsByTenant(B.id), []);

  assert.equal((await svc.updateConversation(other.id, { status: "resolved" }))?.status, "resolved");
  assert.deepEqual(ids(await svc.getActiveConversations(A.id)), [c.id]);
  const e = await rejectsWith(svc.updateConversation(other.id, { status: "waiting_customer" }), 409, "invalid_state");
  assert.ok(!e.isConflict, "a state conflict is not a unique-key conflict");
  assert.equal((await svc.updateConversation(c.id, { unreadCount: 3 }))?.unreadCount, 3);
  assert.equal(await svc.updateConversation("no-such-conversation", { unreadCount: 1 }), undefined);
  const counts = await svc.getConversationChannelCounts(A.id);
  assert.equal(counts.all, 3);
  assert.equal(counts.telegram, 3, "the tenant has a telegram channel");
  assert.equal(counts.whatsapp, undefined, "no whatsapp channel: no key");

  assert.equal(await svc.withTenant(B.id, () => svc.deleteConversation(other.id)), false);
  assert.equal(await svc.deleteConversation(other.id), true);
  assert.equal(await svc.deleteConversation(other.id), false, "the old method answered true always");
});

test("§11 messages: all, pages with cursors, update, by suggestion", async () => {
  assert.deepEqual(ids(await svc.getMessagesByConversation(conv)), messages);
  assert.deepEqual(await svc.getMessagesByConversation("no-such-conversation"), []);
  const p1 = await svc.getMessagesByConversationPaginated(conv, undefined, 2);
  assert.deepEqual(ids(p1.messages), messages.slice(0, 2), "oldest first from the beginning");
  assert.equal(p1.nextCursor, messages[1]);
  const p2 = await svc.getMessagesByConversationPaginated(conv, p1.nextCursor ?? undefined, 2);
  assert.deepEqual(ids(p2.messages), messages.slice(2));
  assert.equal(p2.nextCursor, null);
  isDate(p2.messages[0]?.createdAt, "createdAt");
  assert.deepEqual(await svc.withTenant(B.id, () => svc.getMessagesByConversationPaginated(conv)), { messages: [], nextCursor: null });
  const edited = await svc.updateMessage(messages[0]!, { content: "Нужна АКПП", metadata: { edited: true } });
  assert.equal(edited?.content, "Нужна АКПП");
  assert.equal(await svc.withTenant(B.id, () => svc.updateMessage(messages[0]!, { content: "x" })), undefined);
  assert.deepEqual(ids(await svc.getMessagesBySuggestionId(suggestion)), messages);
  assert.deepEqual(await svc.getMessagesBySuggestionId("no-such-suggestion"), [], "[] for an unknown suggestion, as before");
});

// ---- §12–§13 Products and knowledge docs

let productA: string;

test("§12 products: create, get, list, update, search, delete", async () => {
  const p = await svc.createProduct({ tenantId: A.id, name: "АКПП Toyota U151E", description: "Контрактная коробка", price: 45000, currency: "RUB", category: "gearbox" });
  productA = p.id;
  const other = await svc.createProduct({ tenantId: A.id, name: "Brake pads", category: "brakes" });
  const bp = await svc.createProduct({ tenantId: B.id, name: "Toyota filter" });
  isDate(p.createdAt, "createdAt");
  assert.equal((await svc.getProduct(p.id))?.price, 45000);
  assert.equal(await svc.withTenant(B.id, () => svc.getProduct(p.id)), undefined);
  assert.deepEqual(ids(await svc.getProductsByTenant(A.id)), [p.id, other.id]);
  assert.deepEqual(ids(await svc.searchProducts(A.id, "TOYOTA")), [p.id], "name, case-insensitive; B's not");
  assert.deepEqual(ids(await svc.searchProducts(A.id, "brakes")), [other.id], "category");
  assert.deepEqual(ids(await svc.searchProducts(A.id, "Контрактная")), [p.id], "description");
  assert.deepEqual(ids(await svc.searchProducts(A.id, "акпп")), [p.id], "Cyrillic folds too (the managed cluster's LC_CTYPE is C.UTF-8)");
  assert.equal((await svc.updateProduct(p.id, { inStock: false, stockQuantity: 0 }))?.inStock, false);
  assert.equal((await svc.updateProduct(bp.id, { name: "Toyota oil filter" }))?.name, "Toyota oil filter", "no tenant at hand: the row's owner");
  assert.equal(await svc.withTenant(A.id, () => svc.updateProduct(bp.id, { name: "x" })), undefined);
  assert.equal(await svc.withTenant(A.id, () => svc.deleteProduct(bp.id)), false);
  assert.equal(await svc.deleteProduct(other.id), true);
  assert.equal(await svc.deleteProduct(other.id), false);
});

test("§13 knowledge docs: search sees active docs only", async () => {
  const d = await svc.createKnowledgeDoc({ tenantId: A.id, title: "Доставка", content: "Доставка по России (Russia) 3-5 дней", docType: "delivery" });
  const hidden = await svc.createKnowledgeDoc({ tenantId: A.id, title: "Доставка (старое)", content: "устарело", isActive: false });
  isDate(d.createdAt, "createdAt");
  assert.equal((await svc.getKnowledgeDoc(d.id))?.title, "Доставка");
  assert.equal(await svc.withTenant(B.id, () => svc.getKnowledgeDoc(d.id)), undefined);
  assert.deepEqual(ids(await svc.getKnowledgeDocsByTenant(A.id)), [d.id, hidden.id], "active and inactive");
  assert.deepEqual(ids(await svc.searchKnowledgeDocs(A.id, "Доставка")), [d.id], "active only");
  assert.deepEqual(ids(await svc.searchKnowledgeDocs(A.id, "RUSSIA")), [d.id], "case-insensitive");
  assert.deepEqual(ids(await svc.searchKnowledgeDocs(B.id, "Доставка")), []);
  assert.deepEqual((await svc.updateKnowledgeDoc(d.id, { tags: ["shipping"] }))?.tags, ["shipping"]);
  assert.equal(await svc.updateKnowledgeDoc("no-such-doc", { title: "x" }), undefined);
  assert.equal(await svc.deleteKnowledgeDoc(hidden.id), true);
  assert.equal(await svc.deleteKnowledgeDoc(hidden.id), false);
});

// ---- §14–§18 Suggestions, human actions, training, learning queue

test("§14/§15 AI suggestions and human actions", async () => {
  const s = await svc.getAiSuggestion(suggestion);
  assert.equal(s?.status, "pending");
  isDate(s?.createdAt, "createdAt");
  assert.equal(await svc.withTenant(B.id, () => svc.getAiSuggestion(suggestion)), undefined);
  const newer = await svc.createAiSuggestion({ conversationId: conv, suggestedReply: "Какой год?" });
  assert.equal((await svc.getPendingSuggestionByConversation(conv))?.id, newer.id, "the newest pending one");
  assert.deepEqual(ids(await svc.getSuggestionsByConversation(conv)), [newer.id, suggestion], "newest first");
  assert.deepEqual(ids(await svc.getSuggestionsByTenant(A.id)), [newer.id, suggestion]);
  assert.deepEqual(await svc.getSuggestionsByTenant(B.id), []);
  assert.equal((await svc.updateAiSuggestion(newer.id, { status: "approved" }))?.status, "approved");
  assert.equal((await svc.getPendingSuggestionByConversation(conv))?.id, suggestion);
  assert.equal(await svc.updateAiSuggestion("no-such-suggestion", { status: "approved" }), undefined);
  await svc.updateAiSuggestion(suggestion, { status: "edited" });
  assert.equal(await svc.getPendingSuggestionByConversation(conv), undefined, "none pending");

  const a = await svc.createHumanAction({ suggestionId: suggestion, action: "edit", originalText: "Подберём КПП", editedText: "Подберём АКПП", userId });
  assert.equal(a.suggestionId, suggestion);
  assert.equal(a.action, "edit");
  isDate(a.createdAt, "createdAt");
  await rejectsWith(svc.withTenant(B.id, () => svc.createHumanAction({ suggestionId: suggestion, action: "approve" })), 404);
  await rejectsWith(svc.createMessage({ conversationId: "no-such-conversation", role: "owner", content: "x" }), 404, "not_found");
});

test("§16/§17 training samples (filtered, counted) and the training policy (partial upserts)", async () => {
  const s1 = await svc.createAiTrainingSample({ tenantId: A.id, conversationId: conv, userMessage: "КПП?", aiSuggestion: "Да", outcome: "APPROVED" });
  const s2 = await svc.createAiTrainingSample({ tenantId: A.id, conversationId: conv, userMessage: "Цена?", aiSuggestion: "45000", finalAnswer: "44000", outcome: "EDITED" });
  isDate(s1.createdAt, "createdAt");
  assert.deepEqual(ids(await svc.getAiTrainingSamplesByTenant(A.id)), [s2.id, s1.id], "newest first");
  assert.deepEqual(ids(await svc.getAiTrainingSamplesByTenant(A.id, "APPROVED")), [s1.id]);
  assert.equal(await svc.getAiTrainingSamplesCount(A.id), 2);
  assert.equal(await svc.getAiTrainingSamplesCount(B.id), 0);

  assert.equal(await svc.getAiTrainingPolicy(A.id), undefined);
  const p1 = await svc.upsertAiTrainingPolicy({ tenantId: A.id, forbiddenTopics: ["politics"], alwaysEscalateIntents: ["complaint"] });
  isDate(p1.updatedAt, "updatedAt");
  const p2 = await svc.upsertAiTrainingPolicy({ tenantId: A.id, disabledLearningIntents: ["discount"] });
  assert.deepEqual(p2.forbiddenTopics, ["politics"], "absent arrays are left unchanged");
  assert.deepEqual(p2.disabledLearningIntents, ["discount"]);
  assert.deepEqual((await svc.getAiTrainingPolicy(A.id))?.alwaysEscalateIntents, ["complaint"]);
});

test("§18 learning queue: pending by score, by conversation, reviewedAt, merging upserts", async () => {
  const other = await svc.createConversation({ tenantId: A.id, customerId: customerA.id });
  const low = await svc.createLearningQueueItem({ tenantId: A.id, conversationId: other.id, learningScore: 10, reasons: ["EDITED"] });
  const high = await svc.upsertLearningQueueItem({ tenantId: A.id, conversationId: conv, learningScore: 40, reasons: ["ESCALATED"] });
  isDate(high.createdAt, "createdAt");
  assert.deepEqual(ids(await svc.getLearningQueueByTenant(A.id)), [high.id, low.id], "highest score first");
  assert.deepEqual(ids(await svc.getLearningQueueByTenant(A.id, 20)), [high.id]);
  const merged = await svc.upsertLearningQueueItem({ tenantId: A.id, conversationId: conv, learningScore: 30, reasons: ["EDITED", "ESCALATED"] });
  assert.equal(merged.id, high.id);
  assert.equal(merged.learningScore, 40, "the higher score");
  assert.deepEqual(merged.reasons, ["ESCALATED", "EDITED"], "the ordered union");
  assert.equal((await svc.getLearningQueueItem(conv))?.id, high.id);
  assert.equal(await svc.withTenant(B.id, () => svc.getLearningQueueItem(conv)), undefined);
  const reviewed = await svc.updateLearningQueueItem(low.id, { status: "reviewed", reviewedBy: userId });
  near(reviewed?.reviewedAt, Date.now(), 60_000, "reviewedAt");
  assert.deepEqual(ids(await svc.getLearningQueueByTenant(A.id)), [high.id], "pending only");
  assert.equal(await svc.updateLearningQueueItem("no-such-item", { status: "dismissed" }), undefined);
});

// ---- §19–§25

test("§19 escalations: newest first, recent, update with a Date", async () => {
  const e1 = await svc.createEscalationEvent({ conversationId: conv, reason: "price", summary: "wants a discount" });
  const e2 = await svc.createEscalationEvent({ conversationId: conv, reason: "complaint" });
  isDate(e1.createdAt, "createdAt");
  assert.equal((await svc.getEscalationEvent(e1.id))?.reason, "price");
  assert.equal(await svc.withTenant(B.id, () => svc.getEscalationEvent(e1.id)), undefined);
  assert.deepEqual(ids(await svc.getEscalationsByTenant(A.id)), [e2.id, e1.id]);
  assert.deepEqual(ids(await svc.getRecentEscalations(A.id, 1)), [e2.id]);
  assert.deepEqual(await svc.getEscalationsByTenant(B.id), []);
  const handledAt = new Date(Date.now() - 60_000);
  const h = await svc.updateEscalationEvent(e1.id, { status: "handled", handledBy: userId, handledAt });
  assert.equal(h?.status, "handled");
  assert.equal(h?.handledAt?.getTime(), handledAt.getTime(), "a Date in, the same instant out");
  assert.equal(await svc.updateEscalationEvent("no-such-event", { status: "dismissed" }), undefined);
});

test("§20 response templates; §21 dashboard; §25 counts", async () => {
  const t = await svc.createTemplate({ tenantId: A.id, name: "Hello", content: "Здравствуйте!", triggers: ["привет"] });
  isDate(t.createdAt, "createdAt");
  assert.deepEqual(ids(await svc.getTemplatesByTenant(A.id)), [t.id]);
  assert.deepEqual(await svc.getTemplatesByTenant(B.id), []);

  const conversations = await svc.getConversationsByTenant(A.id);
  const d = await svc.getDashboardMetrics(A.id);
  assert.equal(d.totalConversations, conversations.length);
  assert.equal(d.activeConversations, conversations.filter((c) => c.status === "active").length);
  assert.equal(d.escalatedConversations, 0);
  assert.equal(d.pendingSuggestions, 0);
  assert.equal(d.productsCount, (await svc.getProductsByTenant(A.id)).length);
  assert.equal(d.knowledgeDocsCount, 1);
  assert.deepEqual([d.resolvedToday, d.avgResponseTime, d.aiAccuracy], [0, 12, 0], "the old constants");
  assert.equal(await svc.getCustomersCount(A.id), (await svc.getCustomersByTenant(A.id)).length);
  assert.equal(await svc.getCustomersCount(B.id), 1);
});

test("§22 decision, human-delay and onboarding settings", async () => {
  assert.equal(await svc.getDecisionSettings(A.id), undefined);
  const d1 = await svc.upsertDecisionSettings({ tenantId: A.id, tAuto: 0.9, autosendAllowed: true });
  isDate(d1.updatedAt, "updatedAt");
  const d2 = await svc.upsertDecisionSettings({ tenantId: A.id, tEscalate: 0.3 });
  assert.equal(d2.tAuto, 0.9, "absent fields unchanged");
  assert.equal(d2.tEscalate, 0.3);
  assert.equal((await svc.getDecisionSettings(A.id))?.autosendAllowed, true);

  const defaults = await svc.getHumanDelaySettings(A.id);
  assert.equal(defaults?.enabled, false, "the defaults when none are stored");
  assert.equal(defaults?.minDelayMs, 3000);
  isDate(defaults?.updatedAt, "updatedAt");
  const h = await svc.upsertHumanDelaySettings({ tenantId: A.id, enabled: true, maxDelayMs: 60_000 });
  assert.equal(h.enabled, true);
  assert.equal((await svc.getHumanDelaySettings(A.id))?.maxDelayMs, 60_000);
  assert.equal((await svc.getHumanDelaySettings(B.id))?.enabled, false);

  assert.equal(await svc.getOnboardingState(A.id), undefined);
  const o = await svc.upsertOnboardingState({ tenantId: A.id, status: "IN_PROGRESS", currentStep: "CHANNELS", completedSteps: ["BUSINESS"] });
  isDate(o.updatedAt, "updatedAt");
  assert.equal((await svc.upsertOnboardingState({ tenantId: A.id, currentStep: "PRODUCTS" })).status, "IN_PROGRESS");
  assert.equal((await svc.getOnboardingState(A.id))?.currentStep, "PRODUCTS");
});

test("§23 readiness reports: the newest", async () => {
  assert.equal(await svc.getLatestReadinessReport(A.id), undefined);
  await svc.createReadinessReport({ tenantId: A.id, score: 40, checks: [{ id: "channels", ok: false }] });
  const r2 = await svc.createReadinessReport({ tenantId: A.id, score: 80, recommendations: ["Add products"] });
  isDate(r2.createdAt, "createdAt");
  const latest = await svc.getLatestReadinessReport(A.id);
  assert.equal(latest?.id, r2.id);
  assert.equal(latest?.score, 80);
});

test("§24 CSAT (one per conversation: the typed 409), conversions (RUB), lost deals", async () => {
  const c = await svc.createCsatRating({ tenantId: A.id, conversationId: conv, rating: 5, comment: "Спасибо" });
  isDate(c.createdAt, "createdAt");
  const again = await rejectsWith(svc.createCsatRating({ tenantId: A.id, conversationId: conv, rating: 1 }), 409, "conflict");
  assert.ok(again.isConflict);
  await rejectsWith(svc.createCsatRating({ tenantId: A.id, conversationId: conv, rating: 6 }), 422, "validation_failed");
  assert.equal((await svc.getCsatRatingByConversation(conv))?.rating, 5);
  assert.equal(await svc.withTenant(B.id, () => svc.getCsatRatingByConversation(conv)), undefined);
  assert.deepEqual(ids(await svc.getCsatRatingsByTenant(A.id)), [c.id]);

  const conversion = await svc.createConversion({ tenantId: A.id, conversationId: conv, amount: 44000 });
  assert.equal(conversion.currency, "RUB");
  assert.equal((await svc.getConversionByConversation(conv))?.amount, 44000);
  assert.deepEqual(ids(await svc.getConversionsByTenant(A.id)), [conversion.id]);
  assert.deepEqual(await svc.getConversionsByTenant(B.id), []);

  const l1 = await svc.createLostDeal({ tenantId: A.id, conversationId: conv, reason: "PRICE_TOO_HIGH" });
  const l2 = await svc.createLostDeal({ tenantId: A.id, conversationId: conv, reason: "OTHER", notes: "second" });
  assert.equal((await svc.getLostDealByConversation(conv))?.id, l1.id, "the first recorded");
  assert.deepEqual(ids(await svc.getLostDealsByTenant(A.id)), [l2.id, l1.id]);
  assert.equal(await svc.getLostDealByConversation("no-such-conversation"), undefined);
});

// ---- §26 RAG

test("§26 RAG: documents, chunks, embeddings, stale hashes, deletion by source", async () => {
  const doc = await svc.createRagDocument({ tenantId: A.id, type: "PRODUCT", sourceId: productA, content: "АКПП Toyota" });
  isDate(doc.updatedAt, "updatedAt");
  const text = "АКПП Toyota U151E";
  const hash = createHash("sha256").update(text.trim()).digest("hex").slice(0, 16);
  const c1 = await svc.createRagChunk({ ragDocumentId: doc.id, chunkText: text, chunkIndex: 0, tokenCount: 4, metadata: { contentHash: hash } });
  const c2 = await svc.createRagChunk({ ragDocumentId: doc.id, chunkText: "старый текст", chunkIndex: 1, tokenCount: 2, metadata: { contentHash: "0000000000000000" } });
  isDate(c1.createdAt, "createdAt");
  assert.deepEqual(ids(await svc.getRagChunksWithoutEmbedding(A.id)), [c1.id, c2.id]);
  assert.deepEqual(ids(await svc.getRagChunksWithoutEmbedding(A.id, 1)), [c1.id]);
  assert.equal(await svc.updateRagChunkEmbedding(c1.id, [0.1, 0.2, 0.3]), true);
  assert.equal(await svc.updateRagChunkEmbedding(c2.id, [0.3, 0.2, 0.1]), true);
  assert.equal(await svc.updateRagChunkEmbedding("no-such-chunk", [1]), false);
  assert.equal(await svc.withTenant(B.id, () => svc.updateRagChunkEmbedding(c1.id, [1])), false);
  assert.deepEqual(await svc.getRagChunksWithoutEmbedding(A.id), []);

  const bySource = await svc.getRagChunksBySource(A.id, "PRODUCT", productA);
  assert.deepEqual(bySource.map((c) => [c.id, c.embedding]), [[c1.id, [0.1, 0.2, 0.3]], [c2.id, [0.3, 0.2, 0.1]]], "embeddings parsed");
  assert.deepEqual(await svc.getRagChunksBySource(B.id, "PRODUCT", productA), []);
  const embedded = await svc.getAllRagChunksWithEmbedding(A.id);
  assert.deepEqual(embedded.map((c) => [c.id, c.chunkIndex, JSON.parse(c.embedding ?? "null")]), [[c1.id, 0, [0.1, 0.2, 0.3]], [c2.id, 1, [0.3, 0.2, 0.1]]]);
  assert.equal(typeof embedded[0]?.embedding, "string", "the raw JSON text, as before");

  const nearest = await svc.searchRagChunks(A.id, [0.1, 0.2, 0.3], 1);
  assert.deepEqual(nearest.map((m) => m.id), [c1.id]);
  assert.ok(Math.abs((nearest[0]?.similarity ?? 0) - 1) < 1e-6);

  const stale = await svc.getRagChunksWithStaleHash(A.id);
  assert.deepEqual(stale.map((c) => [c.id, c.storedHash]), [[c2.id, "0000000000000000"]]);
  assert.equal(stale[0]?.currentHash, createHash("sha256").update("старый текст").digest("hex").slice(0, 16));
  assert.deepEqual(await svc.invalidateStaleEmbeddings(A.id), { invalidated: 1 });
  assert.deepEqual(ids(await svc.getRagChunksWithoutEmbedding(A.id)), [c2.id], "its embedding cleared");
  assert.deepEqual(await svc.deleteRagBySource(A.id, "PRODUCT", productA), { deletedDocs: 1 });
  assert.deepEqual(await svc.getRagChunksBySource(A.id, "PRODUCT", productA), [], "chunks cascade");
  assert.deepEqual(await svc.deleteRagBySource(A.id, "PRODUCT", productA), { deletedDocs: 0 });
});

// ---- §27–§29 Update history, vehicle lookup, prices

test("§27 update history: statuses, appliedAt, backup path, current version", async () => {
  assert.equal(await svc.getCurrentVersion(), "1.0.0");
  const u1 = await svc.createUpdate({ version: "1.1.0", filename: "u-1.1.0.zip", fileSize: 1024, checksum: "a".repeat(64) });
  const u2 = await svc.createUpdate({ version: "1.2.0", filename: "u-1.2.0.zip", fileSize: 2048, checksum: "b".repeat(64) });
  isDate(u1.createdAt, "createdAt");
  assert.equal(u1.status, "pending");
  assert.deepEqual(ids(await svc.getUpdateHistory()), [u2.id, u1.id], "newest first");
  assert.equal((await svc.getUpdateById(u1.id))?.version, "1.1.0");
  assert.equal(await svc.getUpdateById("no-such-update"), undefined);
  const applied = await svc.updateUpdateStatus(u1.id, "applied");
  near(applied?.appliedAt, Date.now(), 60_000, "appliedAt");
  assert.equal(await svc.getCurrentVersion(), "1.1.0");
  const failed = await svc.updateUpdateStatus(u2.id, "failed", "checksum mismatch");
  assert.equal(failed?.errorMessage, "checksum mismatch");
  assert.equal(failed?.appliedAt, null);
  assert.equal(await svc.getCurrentVersion(), "1.1.0", "the newest applied one");
  assert.equal((await svc.setUpdateBackupPath(u1.id, "/backups/1.0.0.tar"))?.backupPath, "/backups/1.0.0.tar");
  assert.equal(await svc.setUpdateBackupPath("no-such-update", "/x"), undefined);
  assert.equal(await svc.updateUpdateStatus("no-such-update", "applied"), undefined);
});

test("§28 vehicle lookup: the shared cache, cases, dedup of active cases, status changes", async () => {
  const expiresAt = new Date(Date.now() + 7 * 86_400_000);
  const cache = await svc.upsertVehicleLookupCache({ lookupKey: "VIN:JTNBE40K003123456", idType: "VIN", rawValue: "jtnbe40k003123456", normalizedValue: "JTNBE40K003123456", result: { model: "Camry" }, source: "partsapi", expiresAt });
  assert.equal(cache.expiresAt?.getTime(), expiresAt.getTime());
  const replaced = await svc.upsertVehicleLookupCache({ lookupKey: "VIN:JTNBE40K003123456", idType: "VIN", rawValue: "x", normalizedValue: "JTNBE40K003123456", result: { model: "Camry XV50" }, source: "partsapi" });
  assert.equal(replaced.id, cache.id, "one row per key");
  assert.deepEqual(replaced.result, { model: "Camry XV50" });
  assert.equal(replaced.expiresAt, null, "expiresAt = given ?? NULL");
  assert.equal((await svc.getVehicleLookupCacheByKey("VIN:JTNBE40K003123456"))?.id, cache.id);
  assert.equal(await svc.getVehicleLookupCacheByKey("VIN:none"), undefined);

  const c = await svc.createVehicleLookupCase({ tenantId: A.id, conversationId: conv, messageId: messages[2]!, idType: "VIN", rawValue: "jtnbe40k003123456", normalizedValue: "JTNBE40K003123456", status: "PENDING", verificationStatus: "NONE" });
  isDate(c.createdAt, "createdAt");
  assert.equal((await svc.getVehicleLookupCaseById(c.id))?.status, "PENDING");
  assert.equal(await svc.withTenant(B.id, () => svc.getVehicleLookupCaseById(c.id)), undefined);
  assert.equal((await svc.getLatestVehicleLookupCaseByConversation(A.id, conv))?.id, c.id);
  assert.equal(await svc.getLatestVehicleLookupCaseByConversation(B.id, conv), undefined);
  assert.equal((await svc.findActiveVehicleLookupCase(A.id, conv, "JTNBE40K003123456"))?.id, c.id);
  assert.equal(await svc.findActiveVehicleLookupCase(A.id, conv, "OTHER"), undefined);
  await svc.linkCaseToCache(c.id, cache.id);
  assert.equal((await svc.getVehicleLookupCaseById(c.id))?.cacheId, cache.id);
  const done = await svc.updateVehicleLookupCaseStatus(c.id, { status: "COMPLETED", verificationStatus: "UNVERIFIED_OEM" });
  assert.equal(done?.status, "COMPLETED");
  assert.equal(done?.cacheId, cache.id, "keys not given stay");
  assert.equal((await svc.updateVehicleLookupCaseStatus(c.id, { error: "timeout", cacheId: null }))?.cacheId, null);
  assert.equal(await svc.findActiveVehicleLookupCase(A.id, conv, "JTNBE40K003123456"), undefined, "completed cases are not active");
  assert.equal(await svc.updateVehicleLookupCaseStatus("no-such-case", { status: "FAILED" }), undefined);
});

test("§29 price snapshots (tenant and global) and internal prices", async () => {
  const mine = await svc.createPriceSnapshot({ tenantId: A.id, oem: "OEM-1", source: "internal", minPrice: 100, maxPrice: 200, avgPrice: 150 });
  assert.equal(mine.searchKey, "OEM-1", "searchKey defaults to oem");
  isDate(mine.createdAt, "createdAt");
  const expiresAt = new Date(Date.now() + 7 * 86_400_000);
  const global = await svc.createPriceSnapshot({ tenantId: null, oem: "OEM-2", source: "openai_web_search", expiresAt });
  assert.equal(global.tenantId, null);
  assert.equal(global.expiresAt?.getTime(), expiresAt.getTime());
  assert.equal((await svc.getGlobalPriceSnapshot("OEM-2"))?.id, global.id);
  assert.equal(await svc.getGlobalPriceSnapshot("OEM-1"), null, "null, not undefined; a tenant's snapshot is not global");
  assert.equal((await svc.withTenant(A.id, () => svc.getLatestPriceSnapshot("OEM-1")))?.id, mine.id);
  assert.equal((await svc.withTenant(B.id, () => svc.getLatestPriceSnapshot("OEM-2")))?.id, global.id, "the global one for every tenant");
  assert.equal(await svc.withTenant(B.id, () => svc.getLatestPriceSnapshot("OEM-1")), undefined, "not another tenant's");
  assert.equal((await svc.getLatestPriceSnapshot("OEM-2"))?.id, global.id, "no tenant at hand: the global one");
  await assert.rejects(svc.getLatestPriceSnapshot("OEM-2", 30), TenantRequiredError);
  await svc.createPriceSnapshot({ tenantId: A.id, oem: "OEM-1", source: "internal", minPrice: 90 });
  assert.equal((await svc.getPriceSnapshotsByOem(A.id, "OEM-1")).length, 2);
  assert.equal((await svc.getPriceSnapshotsByOem(A.id, "OEM-1", 1))[0]?.minPrice, 90, "newest first");

  const p1 = await svc.upsertInternalPrice({ tenantId: A.id, oem: "OEM-1", price: 1000, condition: "used", supplier: "S1" });
  const p2 = await svc.upsertInternalPrice({ tenantId: A.id, oem: "OEM-1", price: 1200, condition: "used", supplier: "S1" });
  assert.equal(p2.id, p1.id, "one row per (oem, condition, supplier)");
  assert.equal(p2.price, 1200);
  assert.equal(p2.currency, "RUB");
  isDate(p2.updatedAt, "updatedAt");
  await svc.upsertInternalPrice({ tenantId: A.id, oem: "OEM-1", price: 900 });
  assert.equal((await svc.getInternalPricesByOem(A.id, "OEM-1")).length, 2);
  assert.deepEqual(await svc.getInternalPricesByOem(B.id, "OEM-1"), []);
});

// ---- §30–§33

test("§30 Telegram accounts: the session string stored encrypted, read by service", async () => {
  const a = await svc.createTelegramAccount({ tenantId: A.id, phoneNumber: "+79990000000", sessionString: "1BQANOTEuMTA4LjU2", status: "active", isEnabled: true });
  assert.equal(a.sessionString, "1BQANOTEuMTA4LjU2", "decrypted for service");
  isDate(a.createdAt, "createdAt");
  const disabled = await svc.createTelegramAccount({ tenantId: A.id, status: "active", isEnabled: false });
  assert.deepEqual(ids(await svc.getTelegramAccountsByTenant(A.id)), [disabled.id, a.id], "newest first");
  assert.equal((await svc.getTelegramAccountById(a.id))?.sessionString, "1BQANOTEuMTA4LjU2");
  assert.equal(await svc.withTenant(B.id, () => svc.getTelegramAccountById(a.id)), undefined);
  const active = ids(await svc.getActiveTelegramAccounts());
  assert.ok(active.includes(a.id) && !active.includes(disabled.id));
  const u = await svc.updateTelegramAccount(a.id, { sessionString: "1BQANEW", username: "shop_bot" });
  assert.equal(u?.sessionString, "1BQANEW");
  assert.ok((u?.updatedAt.getTime() ?? 0) >= a.updatedAt.getTime());
  assert.equal(await svc.updateTelegramAccount("no-such-account", { username: "x" }), undefined);
  assert.equal(await svc.deleteTelegramAccount(disabled.id), true);
  assert.equal(await svc.deleteTelegramAccount(disabled.id), false);
});

test("§31 message templates: seeding once, the active one of a type, by order", async () => {
  await svc.seedDefaultTemplates(A.id);
  await svc.seedDefaultTemplates(A.id);
  const seeded = await svc.getMessageTemplatesByTenant(A.id);
  assert.equal(seeded.length, 3, "seeding twice does not duplicate (it did before)");
  const active = await svc.getActiveMessageTemplateByType(A.id, "price_result");
  assert.equal(active?.order, 0);
  const t = await svc.createMessageTemplate({ tenantId: A.id, type: "tag_request", name: "Tag", content: "Фото шильдика, пожалуйста", order: 5 });
  isDate(t.createdAt, "createdAt");
  assert.equal((await svc.getMessageTemplate(t.id))?.name, "Tag");
  assert.equal(await svc.withTenant(B.id, () => svc.getMessageTemplate(t.id)), undefined);
  assert.equal((await svc.getActiveMessageTemplateByType(A.id, "tag_request"))?.id, t.id);
  const u = await svc.updateMessageTemplate(t.id, { isActive: false });
  assert.equal(u?.isActive, false);
  assert.equal(await svc.getActiveMessageTemplateByType(A.id, "tag_request"), undefined);
  assert.equal(await svc.updateMessageTemplate("no-such-template", { name: "x" }), undefined);
  const all = await svc.getMessageTemplatesByTenant(A.id);
  assert.deepEqual(all.map((x) => x.order), [...all.map((x) => x.order)].sort((x, y) => x - y), "by order");
  assert.equal(await svc.deleteMessageTemplate(t.id), true);
  assert.equal(await svc.deleteMessageTemplate(t.id), false);
});

test("§32 payment methods: by order, active ones, reorder (all or none)", async () => {
  const card = await svc.createPaymentMethod({ tenantId: A.id, title: "Карта", order: 1 });
  const cash = await svc.createPaymentMethod({ tenantId: A.id, title: "Наличные", order: 0 });
  const off = await svc.createPaymentMethod({ tenantId: A.id, title: "Крипта", order: 2, isActive: false });
  const theirs = await svc.createPaymentMethod({ tenantId: B.id, title: "B's" });
  isDate(card.createdAt, "createdAt");
  assert.deepEqual(ids(await svc.getPaymentMethodsByTenant(A.id)), [cash.id, card.id, off.id]);
  assert.deepEqual(ids(await svc.getActivePaymentMethods(A.id)), [cash.id, card.id]);
  await svc.reorderPaymentMethods(A.id, [
    { id: card.id, order: 0 },
    { id: cash.id, order: 1 },
  ]);
  assert.deepEqual(ids(await svc.getPaymentMethodsByTenant(A.id)), [card.id, cash.id, off.id]);
  await rejectsWith(svc.reorderPaymentMethods(A.id, [{ id: cash.id, order: 9 }, { id: theirs.id, order: 0 }]), 404);
  assert.equal((await svc.getPaymentMethod(cash.id))?.order, 1, "none changed");
  assert.equal(await svc.withTenant(A.id, () => svc.getPaymentMethod(theirs.id)), undefined);
  assert.equal((await svc.updatePaymentMethod(off.id, { isActive: true }))?.isActive, true);
  assert.equal(await svc.updatePaymentMethod("no-such-method", { title: "x" }), undefined);
  assert.equal(await svc.deletePaymentMethod(off.id), true);
  assert.equal(await svc.deletePaymentMethod(off.id), false);
});

test("§33 tenant agent settings: null when none, upserts keep what is absent", async () => {
  assert.equal(await svc.getTenantAgentSettings(A.id), null, "null, not undefined, as the old method");
  const s1 = await svc.upsertTenantAgentSettings(A.id, { companyName: "АКПП-Центр", warrantyMonths: 6, mileageLow: 50_000 });
  isDate(s1.updatedAt, "updatedAt");
  const s2 = await svc.upsertTenantAgentSettings(A.id, { specialization: "АКПП", mileageLow: 60_000 });
  assert.equal(s2.companyName, "АКПП-Центр");
  assert.equal(s2.warrantyMonths, 6);
  assert.equal(s2.mileageLow, 60_000, "mileage tiers are updated too (the old upsert dropped them)");
  assert.equal((await svc.getTenantAgentSettings(A.id))?.specialization, "АКПП");
  assert.equal(await svc.getTenantAgentSettings(B.id), null);
});

// ---- Appendix A

test("A billing: plan, trial once, status, invoice, expiry, cancel, Stripe sync, refresh", async () => {
  const plan = await svc.ensurePlanExists({ name: "Pro", amount: 5000, currency: "RUB", cryptoAmount: "50", cryptoAsset: "USDT" });
  assert.equal((await svc.ensurePlanExists({ name: "Other", amount: 1 })).id, plan.id, "the active plan exists already");
  isDate(plan.createdAt, "createdAt");
  const t = await svc.createTenant({ name: "Billing" });
  assert.equal(await svc.getSubscriptionByTenant(t.id), undefined);
  const none = await svc.getBillingStatus(t.id);
  assert.equal(none.hasSubscription, false);
  assert.equal(none.canAccess, false);
  const trial = await svc.startTrial(t.id);
  assert.equal(trial.status, "trialing");
  near(trial.trialEndsAt, Date.now() + 72 * 3_600_000, 60_000, "trialEndsAt");
  await rejectsWith(svc.startTrial(t.id), 409);
  const status = await svc.getBillingStatus(t.id);
  assert.equal(status.isTrial, true);
  assert.equal(status.canAccess, true);
  assert.equal(status.trialDaysRemaining, 3);
  isDate(status.trialEndsAt, "status.trialEndsAt");
  assert.equal((await svc.cancelSubscription(t.id))?.cancelAtPeriodEnd, true);
  assert.equal(await svc.cancelSubscription(B.id), undefined, "no subscription");

  const inv = await svc.createInvoice(B.id, { cryptoInvoiceId: "inv-1", planId: plan.id });
  assert.equal(inv.status, "incomplete");
  assert.equal(inv.cryptoInvoiceId, "inv-1");
  const expired = await svc.createExpiredSubscription(B.id);
  assert.equal(expired.status, "expired");
  assert.equal(expired.hadTrial, true);
  assert.equal((await svc.getSubscriptionByTenant(B.id))?.id, inv.id, "one row per tenant");

  const synced = await svc.syncStripeSubscription(A.id, { stripeStatus: "incomplete_expired", stripeSubscriptionId: "sub_1", currentPeriodEnd: new Date(Date.now() - 1000).toISOString() });
  assert.equal(synced.status, "unpaid");
  const active = await svc.syncStripeSubscription(A.id, { stripeStatus: "active", currentPeriodEnd: new Date(Date.now() - 1000).toISOString() });
  assert.equal(active.status, "active");
  isDate(active.currentPeriodEnd, "currentPeriodEnd");
  const moved = await svc.refreshExpiredSubscriptions();
  assert.ok(moved.pastDue >= 1, "the lapsed active period is past due");
  assert.equal((await svc.getSubscriptionByTenant(A.id))?.status, "past_due");
});

test("A grants and admin actions (platform staff)", async () => {
  const t = await svc.createTenant({ name: "Granted" });
  assert.deepEqual(await svc.hasActiveGrant(t.id), { hasGrant: false });
  const endsAt = new Date(Date.now() + 86_400_000);
  const g = await staff.createGrant(t.id, { startsAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: endsAt.toISOString(), reason: "partner" });
  assert.equal(g.endsAt.getTime(), endsAt.getTime());
  const has = await svc.hasActiveGrant(t.id);
  assert.equal(has.hasGrant, true);
  assert.equal(has.grantEndsAt?.getTime(), endsAt.getTime());
  assert.equal((await svc.getBillingStatus(t.id)).canAccess, true, "a grant gives access");
  assert.deepEqual(ids(await staff.getGrantsByTenant(t.id)), [g.id]);
  const revoked = await staff.revokeGrant(t.id, g.id, "ended");
  isDate(revoked?.revokedAt, "revokedAt");
  assert.equal((await svc.hasActiveGrant(t.id)).hasGrant, false);
  assert.equal(await staff.revokeGrant(t.id, "no-such-grant", "x"), undefined);
  await rejectsWith(svc.createGrant(t.id, { startsAt: new Date().toISOString(), endsAt: endsAt.toISOString(), reason: "x" }), 403);

  assert.equal((await staff.restrictTenant(t.id, "abuse"))?.status, "restricted");
  assert.equal((await staff.unrestrictTenant(t.id, "ok"))?.status, "active");
  const u = await svc.createUser({ tenantId: t.id, username: unique("admin-target"), password: "x" });
  const disabled = await staff.disableUser(u.id, "spam");
  assert.equal(disabled?.isDisabled, true);
  isDate(disabled?.disabledAt, "disabledAt");
  assert.equal((await staff.enableUser(u.id, "ok"))?.isDisabled, false);
  assert.equal((await staff.promotePlatformAdmin(u.id, "ops"))?.isPlatformAdmin, true);
  assert.equal((await staff.demotePlatformAdmin(u.id, "ops"))?.isPlatformAdmin, false);
  assert.equal(await staff.disableUser("no-such-user", "x"), undefined);
});

test("A feature flags: effective values, tenant overrides, global defaults", async () => {
  const before = await svc.getEffectiveFeatureFlags(A.id);
  assert.equal(typeof before.RAG_ENABLED, "boolean");
  const g = await staff.setGlobalFeatureFlag("RAG_ENABLED", true, "retrieval");
  isDate(g.updatedAt, "updatedAt");
  assert.ok((await staff.getGlobalFeatureFlags()).some((f) => f.name === "RAG_ENABLED" && f.enabled));
  const o = await staff.setTenantFeatureFlag(A.id, "RAG_ENABLED", false);
  assert.equal(o.tenantId, A.id);
  assert.equal((await svc.getEffectiveFeatureFlags(A.id)).RAG_ENABLED, false, "the override");
  assert.equal((await svc.getEffectiveFeatureFlags(B.id)).RAG_ENABLED, true, "the global value");
  assert.equal(await staff.deleteTenantFeatureFlag(A.id, "RAG_ENABLED"), true);
  assert.equal(await staff.deleteTenantFeatureFlag(A.id, "RAG_ENABLED"), false);
  assert.equal((await svc.getEffectiveFeatureFlags(A.id)).RAG_ENABLED, true);
});

test("A MAX Personal accounts: at most 5, by account id, authorized one, label, delete", async () => {
  const a = await svc.createMaxPersonalAccount(A.id, { idInstance: "1101000001", apiTokenInstance: "tok-1", label: "main" });
  assert.equal(a.status, "authorized");
  assert.equal(a.apiTokenInstance, "tok-1", "service reads the token");
  isDate(a.createdAt, "createdAt");
  await rejectsWith(svc.createMaxPersonalAccount(A.id, { idInstance: "1101000001", apiTokenInstance: "tok-x" }), 409, "conflict");
  assert.deepEqual(ids(await svc.getMaxPersonalAccountsByTenant(A.id)), [a.id]);
  assert.equal((await svc.getAuthorizedMaxPersonalAccount(A.id))?.id, a.id);
  assert.equal(await svc.getAuthorizedMaxPersonalAccount(B.id), undefined);
  assert.equal((await svc.getMaxPersonalAccountByAccountId(A.id, a.accountId))?.id, a.id);
  assert.equal(await svc.getMaxPersonalAccountByAccountId(B.id, a.accountId), undefined);
  assert.equal((await svc.updateMaxPersonalAccountLabel(A.id, a.accountId, "second"))?.label, "second");
  assert.equal(await svc.updateMaxPersonalAccountLabel(B.id, a.accountId, "x"), undefined);
  for (let i = 2; i <= 5; i++) {
    await svc.createMaxPersonalAccount(A.id, { idInstance: `110100000${i}`, apiTokenInstance: `tok-${i}` });
  }
  await rejectsWith(svc.createMaxPersonalAccount(A.id, { idInstance: "1101000006", apiTokenInstance: "tok-6" }), 409);
  assert.equal(await svc.deleteMaxPersonalAccount(A.id, a.accountId), true);
  assert.equal(await svc.deleteMaxPersonalAccount(A.id, a.accountId), false);
});

test("A fraud: fingerprints across tenants, flags, restriction, resolution", async () => {
  const hash = createHash("sha256").update("telegram:777000").digest("hex");
  const f = await svc.registerChannelFingerprint(A.id, "telegram", hash);
  isDate(f.firstSeenAt, "firstSeenAt");
  const again = await svc.registerChannelFingerprint(A.id, "telegram", hash);
  assert.equal(again.id, f.id);
  assert.ok(again.lastSeenAt.getTime() >= f.lastSeenAt.getTime(), "lastSeenAt refreshed");
  assert.deepEqual(await svc.checkChannelReuse(B.id, "telegram", hash), { reused: true, tenantId: A.id });
  assert.deepEqual(await svc.checkChannelReuse(A.id, "telegram", hash), { reused: false });
  assert.deepEqual(await svc.checkChannelReuse(B.id, "max", hash), { reused: false });
  const t = await svc.createTenant({ name: "Suspicious" });
  const flag = await svc.createFraudFlag(t.id, { reason: "CHANNEL_REUSE", metadata: { otherTenantId: A.id } });
  isDate(flag.createdAt, "createdAt");
  assert.deepEqual(ids(await svc.getFraudFlagsByTenant(t.id)), [flag.id]);
  assert.equal((await svc.restrictTenantForFraud(t.id))?.status, "restricted");
  const resolved = await staff.resolveFraudFlag(t.id, flag.id);
  isDate(resolved?.resolvedAt, "resolvedAt");
  await rejectsWith(staff.resolveFraudFlag(t.id, flag.id), 409);
  assert.equal(await staff.resolveFraudFlag(t.id, "no-such-flag"), undefined);
});

test("A integration secrets: global and per tenant, rotate, revoke, resolve", async () => {
  const g = await staff.createIntegrationSecret({ scope: "global", keyName: "OPENAI_API_KEY", value: "sk-global-1234", reason: "setup" });
  assert.equal(g.last4, "1234");
  isDate(g.createdAt, "createdAt");
  await rejectsWith(staff.createIntegrationSecret({ scope: "global", keyName: "OPENAI_API_KEY", value: "sk-2", reason: "again" }), 409);
  await staff.createIntegrationSecret({ scope: "tenant", tenantId: A.id, keyName: "OPENAI_API_KEY", value: "sk-tenant-5678", reason: "own key" });
  assert.equal((await svc.resolveIntegrationSecret("OPENAI_API_KEY", A.id))?.value, "sk-tenant-5678", "the tenant's");
  assert.equal((await svc.resolveIntegrationSecret("OPENAI_API_KEY", B.id))?.value, "sk-global-1234", "else the global one");
  assert.equal((await svc.resolveIntegrationSecret("OPENAI_API_KEY"))?.value, "sk-global-1234");
  const rotated = await staff.rotateIntegrationSecret({ scope: "global", keyName: "OPENAI_API_KEY", value: "sk-global-9999", reason: "rotation" });
  isDate(rotated?.rotatedAt, "rotatedAt");
  assert.equal((await svc.resolveIntegrationSecret("OPENAI_API_KEY", B.id))?.value, "sk-global-9999");
  const revoked = await staff.revokeIntegrationSecret({ scope: "tenant", tenantId: A.id, keyName: "OPENAI_API_KEY", reason: "left" });
  isDate(revoked?.revokedAt, "revokedAt");
  assert.equal((await svc.resolveIntegrationSecret("OPENAI_API_KEY", A.id))?.value, "sk-global-9999");
  assert.equal(await svc.resolveIntegrationSecret("NO_SUCH_KEY"), undefined);
  const listed = await staff.listIntegrationSecrets({ keyName: "OPENAI_API_KEY" });
  assert.equal(listed.length, 2);
  assert.ok(listed.every((s) => !("value" in s)), "metadata only");
  assert.equal((await staff.listIntegrationSecrets({ scope: "tenant" })).length, 1);
});

test("A audit events: a batch, by entity, by conversation, recent, all", async () => {
  const n = await svc.createAuditEvents([
    { tenantId: A.id, actor: userId, actorType: "user", action: "conversation.viewed", entityType: "conversation", entityId: conv },
    { tenantId: A.id, actor: "ai", actorType: "ai", action: "suggestion.created", entityType: "suggestion", entityId: suggestion, metadata: { conversationId: conv } },
    { tenantId: B.id, actor: "system", actorType: "system", action: "tenant.checked", entityType: "tenant", entityId: B.id },
  ]);
  assert.equal(n, 3);
  assert.equal(await svc.createAuditEvents([]), 0);
  const byEntity = await staff.getAuditEventsByEntity("conversation", conv);
  assert.deepEqual(byEntity.map((e) => e.action), ["conversation.viewed"]);
  isDate(byEntity[0]?.createdAt, "createdAt");
  const byConversation = await svc.getAuditEventsByConversation(A.id, conv);
  assert.deepEqual(byConversation.map((e) => e.action).sort(), ["conversation.viewed", "suggestion.created"]);
  assert.deepEqual(await svc.getAuditEventsByConversation(B.id, conv), []);
  assert.deepEqual((await svc.getRecentAuditEvents(A.id)).map((e) => e.tenantId), [A.id, A.id]);
  assert.equal((await svc.getRecentAuditEvents(A.id, 1)).length, 1);
  assert.equal((await staff.getAllAuditEvents()).length, 3);
});

test("A proxies: pool, stats, assign to a channel, release, failure", async () => {
  const p = await staff.createProxy({ host: "10.0.0.1", port: 1080, protocol: "socks5", country: "RU", password: "pw" });
  isDate(p.createdAt, "createdAt");
  assert.ok(ids(await svc.getProxies()).includes(p.id));
  assert.deepEqual(ids(await svc.getProxies("available")), [p.id]);
  const stats = await svc.getProxyStats();
  assert.deepEqual([stats.total, stats.available], [1, 1]);
  assert.equal(await svc.assignProxy(A.id, channelA, { protocol: "http" }), undefined, "none of that protocol");
  const assigned = await svc.assignProxy(A.id, channelA, { protocol: "socks5", country: "RU" });
  assert.equal(assigned?.status, "assigned");
  assert.equal(assigned?.assignedChannelId, channelA);
  assert.equal(assigned?.password, "pw", "service reads the proxy password");
  assert.equal(await svc.assignProxy(A.id, channelA), undefined, "none available now");
  await svc.releaseProxy(A.id, channelA);
  assert.equal((await svc.getProxyStats()).available, 1);
  const failed = await svc.markProxyFailed(p.id, "connection refused");
  assert.equal(failed?.status, "failed");
  assert.equal(failed?.lastErrorMessage, "connection refused");
  assert.equal(await svc.markProxyFailed("no-such-proxy"), undefined);
});

test("A customer data deletion: everything of the customer, in one transaction, scoped", async () => {
  const c = await svc.createCustomer({ tenantId: A.id, channel: "whatsapp", externalId: "gdpr-1" });
  const cv = await svc.createConversation({ tenantId: A.id, customerId: c.id });
  await svc.createMessage({ conversationId: cv.id, role: "customer", content: "delete me" });
  await svc.createCustomerNote({ tenantId: A.id, customerId: c.id, noteText: "note" });
  await svc.upsertCustomerMemory({ tenantId: A.id, customerId: c.id, preferences: { x: 1 } });
  await svc.createEscalationEvent({ conversationId: cv.id, reason: "x" });
  await rejectsWith(svc.deleteCustomerData(B.id, c.id), 404);
  const deleted = await svc.deleteCustomerData(A.id, c.id);
  assert.deepEqual(
    [deleted.customers, deleted.conversations, deleted.messages, deleted.customerNotes, deleted.customerMemory, deleted.escalationEvents],
    [1, 1, 1, 1, 1, 1],
  );
  assert.equal(await svc.getCustomer(c.id), undefined);
  assert.equal(await svc.getConversation(cv.id), undefined);
});

test("A sessions: set, get until expiry, touch, destroy, prune", async () => {
  const sid = unique("sess");
  const expire = new Date(Date.now() + 7 * 86_400_000);
  const s = await svc.setSession(sid, { userId, tenantId: A.id }, expire);
  assert.equal(s.expire.getTime(), expire.getTime());
  assert.deepEqual((await svc.getSession(sid))?.sess, { userId, tenantId: A.id });
  assert.equal((await svc.touchSession(sid, new Date(Date.now() - 1000)))?.sid, sid);
  assert.equal(await svc.getSession(sid), undefined, "an expired session is not read");
  await svc.setSession(unique("sess"), {}, new Date(Date.now() - 60_000));
  assert.equal(await svc.pruneExpiredSessions(), 2);
  assert.equal(await svc.touchSession(sid, expire), undefined, "pruned");
  const live = unique("sess");
  await svc.setSession(live, { a: 1 }, expire);
  assert.equal(await svc.destroySession(live), true);
  assert.equal(await svc.destroySession(live), false);
});

test("beyond the old layer: inbound messages, a tenant's users, row owners", async () => {
  const r = await svc.receiveInboundMessage(A.id, { channel: "telegram", externalId: "inbound-1", name: "Олег", content: "Есть КПП?" });
  assert.equal((await svc.getMessage(r.messageId))?.content, "Есть КПП?");
  assert.equal((await svc.getCustomer(r.customerId))?.name, "Олег");
  assert.ok(ids(await svc.getUsersByTenant(A.id)).includes(userId));
  assert.equal((await svc.getTenantUser(A.id, userId))?.username, "ivan");
  assert.equal(await svc.getTenantUser(B.id, userId), undefined);
  assert.equal(await svc.getRowOwner("messages", r.messageId), A.id);
  assert.equal(await svc.getRowOwner("customers", "no-such-customer"), undefined);
  // A tenant's token cannot ask: the old trust model is the trusted backend's.
  const ownerB = storageAs("owner");
  await rejectsWith(ownerB.getCustomer(customerA.id), 403);
});

test("the request context: withTenant across awaits, nested, per-request token and request id", async () => {
  await svc.withTenant(B.id, async () => {
    await new Promise((ok) => setTimeout(ok, 5));
    assert.equal(await svc.getCustomer(customerA.id), undefined);
    assert.equal((await svc.getCustomer(customerB.id))?.id, customerB.id);
    await svc.withTenant(A.id, async () => {
      assert.equal((await svc.getCustomer(customerA.id))?.id, customerA.id);
    });
    assert.equal(await svc.getCustomer(customerA.id), undefined, "the outer tenant again");
  });
  // A per-request token: the tenant's own owner token for this request only.
  const e = await svc
    .withContext({ tenantId: B.id, token: server.token("owner", B.id), requestId: "req-ctx-1" }, () =>
      svc.createCustomer({ tenantId: A.id, externalId: "x" }),
    )
    .then(
      () => undefined,
      (err: unknown) => err,
    );
  assert.ok(e instanceof SalesgateError);
  assert.equal(e.status, 403, "B's token may not write A's data");
  assert.equal(e.requestId, "req-ctx-1", "the request id propagated");
});

// ---- Coverage: every listed method was called above.

test("every storage-api method and Appendix A operation was called", () => {
  const listed = readFileSync(join(repoDir, "docs/storage-api-methods.txt"), "utf8")
    .split("\n")
    .filter((l) => l.startsWith("§"))
    .map((l) => l.split(" ")[1] ?? "");
  assert.equal(listed.filter((_, i, all) => all.indexOf(_) === i).length, listed.length);
  const missing = listed.filter((name) => !called.has(name));
  assert.deepEqual(missing, [], "methods never called by these tests");
});
