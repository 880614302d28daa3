/**
 * `SalesgateStorage`: the old `IStorage` (storage-api.md) over salesgate's HTTP API, plus the
 * data access of its Appendix A, so an application written against the old data layer switches
 * with one line of wiring:
 *
 * ```ts
 * export const storage = new SalesgateStorage({ baseUrl: process.env.SALESGATE_URL!, token: serviceToken });
 * ```
 *
 * **Tenants.** Every salesgate call of tenant data is scoped by a tenant. A method whose
 * arguments carry one (`getCustomersByTenant(tenantId)`, `createCustomer({ tenantId, … })`)
 * uses it. The others (`getCustomer(id)`, `updateMessage(id, …)`) use the tenant of the current
 * request — `storage.withTenant(tenantId, fn)`, set once by the auth middleware — else the
 * `tenantId` option, else they ask salesgate whose row it is (`getRowOwner`, `service` tokens
 * only: the old trust model, for workers and admin code) and act in that tenant.
 *
 * **Answers.** Timestamps are `Date`s; a row that is not found (or not the tenant's) is
 * `undefined` (`null` where the old method answered `null`); deletes answer whether a row was
 * deleted; counts are numbers; lists the old method answered whole are read page by page, up
 * to `maxListRows` rows (beyond, a {@link ListTooLongError}). Every other error is a
 * `SalesgateError` (status, code, details, requestId; `isConflict` for a unique key taken).
 */

import { SalesgateClient, type ClientOptions } from "./client.js";
import { detectContextStore, type ContextStore, type RequestContext } from "./context.js";
import { dated, datedAll, toDate } from "./dates.js";
import { SalesgateError } from "./errors.js";
import * as ops from "./generated.js";
import type * as I from "./istorage.js";
import type * as r from "./rows.js";
import type { Page, Transport } from "./transport.js";

/** A table `getRowOwner` resolves. */
export type OwnedTable = Parameters<typeof ops.getRowOwner>[1]["table"];

/** The options of {@link SalesgateStorage}: a client's, or a transport of your own. */
export type StorageOptions = (ClientOptions | { transport: Transport }) & {
  /** The tenant of calls made outside any `withTenant` (a single-tenant deployment). */
  tenantId?: string;
  /** Most rows a whole-list method reads before giving up (a {@link ListTooLongError}). Default 100 000. */
  maxListRows?: number;
  /** Rows per page of whole-list reads (1–1000). Default 1000. */
  pageSize?: number;
  /** The per-request context store (default: an `AsyncLocalStorage`, when the runtime has one). */
  context?: ContextStore;
  /** How many row owners to remember (rows never change tenants). Default 10 000; 0: none. */
  ownerCacheSize?: number;
};

/** A whole-list method met more rows than `maxListRows`. */
export class ListTooLongError extends Error {
  constructor(readonly operation: string, readonly maxListRows: number) {
    super(`${operation}: more than ${maxListRows} rows (raise maxListRows, or page with the generated operation)`);
    this.name = "ListTooLongError";
  }
}

/** A call that needs a tenant was made with none at hand (no argument, no context, no row to ask about). */
export class TenantRequiredError extends Error {
  constructor(readonly operation: string) {
    super(`${operation}: no tenant: call it inside storage.withTenant(tenantId, …) or set the tenantId option`);
    this.name = "TenantRequiredError";
  }
}

function isNotFound(e: unknown): boolean {
  return e instanceof SalesgateError && e.isNotFound;
}

/** `value` without the members `keys` (path-bound or bookkeeping members of old bodies). */
function without<T extends object>(value: T, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!keys.includes(k)) {
      out[k] = v;
    }
  }
  return out;
}

const BOOKKEEPING = ["id", "tenantId", "createdAt", "updatedAt"] as const;

/** A body as the wire type `T` (Dates become ISO strings in `JSON.stringify`). */
function body<T>(value: object, drop: readonly string[] = []): T {
  return without(value, drop) as T;
}

/** A patch as the wire type `T`: without the bookkeeping members of a row spread into it. */
function patch<T>(value: object): T {
  return without(value, BOOKKEEPING) as T;
}

export class SalesgateStorage implements I.IStorage {
  /** The transport the calls go through (for the generated operations: `ops.getCustomer(storage.transport, …)`). */
  readonly transport: Transport;
  private readonly context: ContextStore | undefined;
  private readonly defaultTenant: string | undefined;
  private readonly maxListRows: number;
  private readonly pageSize: number;
  private readonly owners = new Map<string, string>();
  private readonly ownerCacheSize: number;

  constructor(options: StorageOptions) {
    this.context = options.context ?? detectContextStore();
    this.defaultTenant = options.tenantId;
    this.maxListRows = options.maxListRows ?? 100_000;
    this.pageSize = Math.min(1000, Math.max(1, Math.trunc(options.pageSize ?? 1000)));
    this.ownerCacheSize = options.ownerCacheSize ?? 10_000;
    if ("transport" in options) {
      this.transport = options.transport;
    } else {
      const base = options.token;
      const requestId = options.requestId;
      this.transport = new SalesgateClient({
        ...options,
        token: () => this.current()?.token ?? (typeof base === "function" ? base() : base),
        requestId: () => this.current()?.requestId ?? requestId?.(),
      });
    }
  }

  // ---- The request context

  /** Runs `fn` with `tenantId` as the tenant of the calls it makes (also across `await`s). */
  withTenant<R>(tenantId: string, fn: () => R): R {
    return this.withContext({ tenantId }, fn);
  }

  /** Runs `fn` in a request context: its tenant, and optionally its token and request id. */
  withContext<R>(context: RequestContext, fn: () => R): R {
    if (!this.context) {
      throw new Error(
        "SalesgateStorage: this runtime has no AsyncLocalStorage to find; pass `context: asyncLocalContext()` from '@salesgate/client/node'",
      );
    }
    return this.context.run({ ...this.current(), ...context }, fn);
  }

  /** The current request context, if any. */
  current(): RequestContext | undefined {
    return this.context?.getStore();
  }

  private contextTenant(): string | undefined {
    return this.current()?.tenantId ?? this.defaultTenant;
  }

  /**
   * The tenant to act in on row `id` of `table`: the request's, else the owner of the row
   * (asked of salesgate, service tokens only); `undefined` when the row does not exist.
   */
  private async tenantOf(table: OwnedTable, id: string): Promise<string | undefined> {
    const tenant = this.contextTenant();
    if (tenant !== undefined) {
      return tenant;
    }
    return this.getRowOwner(table, id);
  }

  /**
   * The tenant to create a row in under the row `id` of `table` (a message under its
   * conversation): as {@link tenantOf}; a parent that does not exist is a `SalesgateError` 404.
   */
  private async tenantUnder(table: OwnedTable, id: string, operation: string): Promise<string> {
    const tenant = await this.tenantOf(table, id);
    if (tenant === undefined) {
      throw new SalesgateError(operation, 404, "not_found", `no ${table} row ${id}`, [], undefined);
    }
    return tenant;
  }

  /**
   * The tenant a row of a tenant-owned table belongs to (`GET /v1/service/owners`, `service`
   * tokens only): the old storage's trust model, for trusted backends. `undefined` when there is
   * no such row.
   */
  async getRowOwner(table: OwnedTable, id: string): Promise<string | undefined> {
    const key = `${table}/${id}`;
    const cached = this.owners.get(key);
    if (cached !== undefined) {
      return cached;
    }
    const owner = await this.found(ops.getRowOwner(this.transport, { table, id }));
    if (owner !== undefined && this.ownerCacheSize > 0) {
      if (this.owners.size >= this.ownerCacheSize) {
        const oldest = this.owners.keys().next().value;
        if (oldest !== undefined) {
          this.owners.delete(oldest);
        }
      }
      this.owners.set(key, owner.tenantId);
    }
    return owner?.tenantId;
  }

  // ---- Answer conventions

  /** The answer, or `undefined` for a 404 `not_found`. */
  private async found<T>(call: Promise<T>): Promise<T | undefined> {
    try {
      return await call;
    } catch (e) {
      if (isNotFound(e)) {
        return undefined;
      }
      throw e;
    }
  }

  /** Whether the call found its row (a delete: 204 → true, 404 → false). */
  private async done(call: Promise<unknown>): Promise<boolean> {
    return (await this.found(call.then(() => true))) ?? false;
  }

  /** Every row of a paged list, page by page, at most `maxListRows`; `[]` when its parent is not found. */
  private async all<T>(operation: string, page: (after: string | undefined, limit: number) => Promise<Page<T>>): Promise<T[]> {
    const rows: T[] = [];
    let after: string | undefined;
    for (;;) {
      const p = await this.found(page(after, this.pageSize));
      if (p === undefined) {
        return rows;
      }
      rows.push(...p.items);
      if (rows.length > this.maxListRows) {
        throw new ListTooLongError(operation, this.maxListRows);
      }
      if (p.nextCursor === null || p.items.length === 0) {
        return rows;
      }
      after = p.nextCursor;
    }
  }

  /** A by-id read in the tenant of the row: the row, or `undefined`. */
  private async byId<T>(table: OwnedTable, id: string, read: (tenantId: string) => Promise<T>): Promise<T | undefined> {
    const tenantId = await this.tenantOf(table, id);
    return tenantId === undefined ? undefined : this.found(read(tenantId));
  }

  /** A by-id delete in the tenant of the row: whether a row was deleted. */
  private async deleteById(table: OwnedTable, id: string, remove: (tenantId: string) => Promise<void>): Promise<boolean> {
    const tenantId = await this.tenantOf(table, id);
    return tenantId === undefined ? false : this.done(remove(tenantId));
  }

  /** A list under a parent row (a customer's notes): every row, `[]` when the parent is not found. */
  private async under<T>(
    table: OwnedTable,
    id: string,
    operation: string,
    page: (tenantId: string, after: string | undefined, limit: number) => Promise<Page<T>>,
  ): Promise<T[]> {
    const tenantId = await this.tenantOf(table, id);
    return tenantId === undefined ? [] : this.all(operation, (after, limit) => page(tenantId, after, limit));
  }

  // ---- §1 Tenants

  async getTenant(id: string): Promise<r.Tenant | undefined> {
    const t = await this.found(ops.getTenant(this.transport, { tenantId: id }));
    return t && dated("Tenant", t);
  }

  async getDefaultTenant(): Promise<r.Tenant | undefined> {
    const t = await this.found(ops.getDefaultTenant(this.transport));
    return t && dated("Tenant", t);
  }

  /** The reply texts (overrides, else the built-in defaults); a tenant that does not exist is a `SalesgateError` 404. */
  async getTenantTemplates(tenantId: string): Promise<r.TenantTemplates> {
    return ops.getTenantTemplates(this.transport, { tenantId });
  }

  async createTenant(tenant: I.InsertTenant): Promise<r.Tenant> {
    return dated("Tenant", await ops.createTenant(this.transport, { body: body(tenant, BOOKKEEPING) }));
  }

  async updateTenant(id: string, data: I.Patch<r.TenantPatch>): Promise<r.Tenant | undefined> {
    const t = await this.found(ops.updateTenant(this.transport, { tenantId: id, body: patch(data) }));
    return t && dated("Tenant", t);
  }

  // ---- §2 Channels

  async getChannel(id: string): Promise<r.Channel | undefined> {
    const c = await this.byId("channels", id, (tenantId) => ops.getChannel(this.transport, { tenantId, channelId: id }));
    return c && dated("Channel", c);
  }

  async getChannelsByTenant(tenantId: string): Promise<r.Channel[]> {
    const rows = await this.all("getChannelsByTenant", (after, limit) =>
      ops.getChannelsByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("Channel", rows);
  }

  async getChannelsByType(channelType: string): Promise<r.Channel[]> {
    const type = channelType as r.Channel["type"];
    const rows = await this.all("getChannelsByType", (after, limit) =>
      ops.getChannelsByType(this.transport, { type, after, limit }),
    );
    return datedAll("Channel", rows);
  }

  async createChannel(channel: I.InsertChannel): Promise<r.Channel> {
    const c = await ops.createChannel(this.transport, { tenantId: channel.tenantId, body: body(channel, BOOKKEEPING) });
    return dated("Channel", c);
  }

  async updateChannel(id: string, data: I.Patch<r.ChannelPatch>): Promise<r.Channel | undefined> {
    const c = await this.byId("channels", id, (tenantId) =>
      ops.updateChannel(this.transport, { tenantId, channelId: id, body: patch(data) }),
    );
    return c && dated("Channel", c);
  }

  // ---- §3 Users (service routes: logins, sign-up, invite acceptance)

  async getUser(id: string): Promise<r.User | undefined> {
    const u = await this.found(ops.getUser(this.transport, { userId: id }));
    return u && dated("User", u);
  }

  async getUserByUsername(username: string): Promise<r.User | undefined> {
    const u = await this.found(ops.getUserByUsername(this.transport, { username }));
    return u && dated("User", u);
  }

  async getUserByEmail(email: string): Promise<r.User | undefined> {
    const u = await this.found(ops.getUserByEmail(this.transport, { email: email.toLowerCase() }));
    return u && dated("User", u);
  }

  async getUserByOidcId(oidcId: string): Promise<r.User | undefined> {
    const u = await this.found(ops.getUserByOidcId(this.transport, { oidcId }));
    return u && dated("User", u);
  }

  async createUser(user: I.InsertUser): Promise<r.User> {
    return dated("User", await ops.createUser(this.transport, { tenantId: user.tenantId, body: body(user, BOOKKEEPING) }));
  }

  /**
   * A failed login. salesgate counts it itself (one statement: two failures at once count
   * twice), so `attempts` is not written: the stored counter goes up by one. A `lockedUntil`
   * locks the user until then; `null` leaves the lock as it is.
   */
  async updateUserLoginAttempts(userId: string, attempts: number, lockedUntil: Date | null): Promise<void> {
    void attempts;
    const lockSeconds = lockedUntil ? Math.min(31 * 86400, Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 1000))) : 1;
    // lockAfter 1: the counter always reaches it, so the lock applies now; 1000: never in practice.
    const lockAfter = lockedUntil ? 1 : 1000;
    await this.found(ops.updateUserLoginAttempts(this.transport, { userId, body: { lockAfter, lockSeconds } }));
  }

  async updateUserLoginSuccess(userId: string): Promise<void> {
    await this.found(ops.updateUserLoginSuccess(this.transport, { userId }));
  }

  // ---- §4 User invites

  async getUserInviteByTokenHash(tokenHash: string): Promise<r.UserInvite | undefined> {
    const i = await this.found(ops.getUserInviteByTokenHash(this.transport, { tokenHash }));
    return i && dated("UserInvite", i);
  }

  async getPendingInviteForEmail(tenantId: string, email: string): Promise<r.UserInvite | undefined> {
    const i = await this.found(ops.getPendingInviteForEmail(this.transport, { tenantId, email: email.toLowerCase() }));
    return i && dated("UserInvite", i);
  }

  async createUserInvite(invite: I.InsertUserInvite): Promise<r.UserInvite> {
    const i = await ops.createUserInvite(this.transport, { tenantId: invite.tenantId, body: body(invite, BOOKKEEPING) });
    return dated("UserInvite", i);
  }

  /** Marks the invite used; an invite used already is a `SalesgateError` 409 `invalid_state` (it was rewritten before). */
  async markUserInviteUsed(inviteId: string): Promise<void> {
    await this.byId("user_invites", inviteId, (tenantId) => ops.markUserInviteUsed(this.transport, { tenantId, inviteId }));
  }

  // ---- §5 Email tokens & password

  async createEmailToken(token: I.InsertEmailToken): Promise<r.EmailToken> {
    return dated("EmailToken", await ops.createEmailToken(this.transport, { body: body(token, BOOKKEEPING) }));
  }

  async getEmailTokenByHash(tokenHash: string): Promise<r.EmailToken | undefined> {
    const t = await this.found(ops.getEmailTokenByHash(this.transport, { tokenHash }));
    return t && dated("EmailToken", t);
  }

  /** Marks the token used; one used already is a `SalesgateError` 409 `invalid_state`. */
  async markEmailTokenUsed(tokenId: string): Promise<void> {
    await this.found(ops.markEmailTokenUsed(this.transport, { tokenId }));
  }

  async invalidateUserTokens(userId: string, type: string): Promise<void> {
    const t = type as r.EmailToken["type"];
    await this.found(ops.invalidateUserTokens(this.transport, { userId, body: { type: t } }));
  }

  async updateUserEmailVerified(userId: string): Promise<void> {
    await this.found(ops.updateUserEmailVerified(this.transport, { userId }));
  }

  async updateUserPassword(userId: string, passwordHash: string): Promise<void> {
    await this.found(ops.updateUserPassword(this.transport, { userId, body: { passwordHash } }));
  }

  // ---- §6 Account linking

  async linkOidcToUser(userId: string, oidcId: string): Promise<void> {
    await this.found(ops.linkOidcToUser(this.transport, { userId, body: { oidcId } }));
  }

  // ---- §7 Customers

  async getCustomer(id: string): Promise<r.Customer | undefined> {
    const c = await this.byId("customers", id, (tenantId) => ops.getCustomer(this.transport, { tenantId, customerId: id }));
    return c && dated("Customer", c);
  }

  async getCustomersByTenant(tenantId: string): Promise<r.Customer[]> {
    const rows = await this.all("getCustomersByTenant", (after, limit) =>
      ops.getCustomersByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("Customer", rows);
  }

  /** Customers whose name, phone, e-mail or external id contains `query` (literally: `%` and `_` match themselves). */
  async searchCustomers(tenantId: string, query: string): Promise<r.Customer[]> {
    const rows = await this.all("searchCustomers", (after, limit) =>
      ops.searchCustomers(this.transport, { tenantId, q: query, after, limit }),
    );
    return datedAll("Customer", rows);
  }

  async getCustomerByExternalId(tenantId: string, channel: string, externalId: string): Promise<r.Customer | undefined> {
    const c = await this.found(
      ops.getCustomerByExternalId(this.transport, { tenantId, channel: channel as r.Channel["type"], externalId }),
    );
    return c && dated("Customer", c);
  }

  async createCustomer(customer: I.InsertCustomer): Promise<r.Customer> {
    const c = await ops.createCustomer(this.transport, { tenantId: customer.tenantId, body: body(customer, BOOKKEEPING) });
    return dated("Customer", c);
  }

  async updateCustomer(id: string, data: I.UpdateCustomer): Promise<r.Customer | undefined> {
    const c = await this.byId("customers", id, (tenantId) =>
      ops.updateCustomer(this.transport, { tenantId, customerId: id, body: patch(data) }),
    );
    return c && dated("Customer", c);
  }

  // ---- §8 Customer notes

  async getCustomerNote(id: string): Promise<r.CustomerNote | undefined> {
    const n = await this.byId("customer_notes", id, (tenantId) => ops.getCustomerNote(this.transport, { tenantId, noteId: id }));
    return n && dated("CustomerNote", n);
  }

  async getCustomerNotes(customerId: string): Promise<r.CustomerNote[]> {
    const rows = await this.under("customers", customerId, "getCustomerNotes", (tenantId, after, limit) =>
      ops.getCustomerNotes(this.transport, { tenantId, customerId, after, limit }),
    );
    return datedAll("CustomerNote", rows);
  }

  async createCustomerNote(note: I.InsertCustomerNote): Promise<r.CustomerNote> {
    const n = await ops.createCustomerNote(this.transport, {
      tenantId: note.tenantId,
      customerId: note.customerId,
      body: body(note, [...BOOKKEEPING, "customerId"]),
    });
    return dated("CustomerNote", n);
  }

  async deleteCustomerNote(id: string): Promise<boolean> {
    return this.deleteById("customer_notes", id, (tenantId) => ops.deleteCustomerNote(this.transport, { tenantId, noteId: id }));
  }

  // ---- §9 Customer memory

  async getCustomerMemory(tenantId: string, customerId: string): Promise<r.CustomerMemory | undefined> {
    const m = await this.found(ops.getCustomerMemory(this.transport, { tenantId, customerId }));
    return m && dated("CustomerMemory", m);
  }

  async upsertCustomerMemory(data: I.InsertCustomerMemory): Promise<r.CustomerMemory> {
    const m = await ops.upsertCustomerMemory(this.transport, {
      tenantId: data.tenantId,
      customerId: data.customerId,
      body: body(data, [...BOOKKEEPING, "customerId"]),
    });
    return dated("CustomerMemory", m);
  }

  async incrementFrequentTopic(tenantId: string, customerId: string, intent: string): Promise<r.CustomerMemory> {
    return dated("CustomerMemory", await ops.incrementFrequentTopic(this.transport, { tenantId, customerId, body: { intent } }));
  }

  async updateCustomerPreferences(
    tenantId: string,
    customerId: string,
    preferences: Record<string, unknown>,
  ): Promise<r.CustomerMemory> {
    const m = await ops.updateCustomerPreferences(this.transport, { tenantId, customerId, body: { preferences } });
    return dated("CustomerMemory", m);
  }

  // ---- §10 Conversations

  async getConversation(id: string): Promise<r.Conversation | undefined> {
    const c = await this.byId("conversations", id, (tenantId) =>
      ops.getConversation(this.transport, { tenantId, conversationId: id }),
    );
    return c && dated("Conversation", c);
  }

  async getConversationWithCustomer(id: string): Promise<r.ConversationWithCustomer | undefined> {
    const c = await this.byId("conversations", id, (tenantId) =>
      ops.getConversationWithCustomer(this.transport, { tenantId, conversationId: id }),
    );
    return c && dated("ConversationWithCustomer", c);
  }

  async getConversationDetail(id: string): Promise<r.ConversationDetail | undefined> {
    const c = await this.byId("conversations", id, (tenantId) =>
      ops.getConversationDetail(this.transport, { tenantId, conversationId: id }),
    );
    return c && dated("ConversationDetail", c);
  }

  async getConversationsByTenant(tenantId: string): Promise<r.ConversationWithCustomer[]> {
    const rows = await this.all("getConversationsByTenant", (after, limit) =>
      ops.getConversationsByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("ConversationWithCustomer", rows);
  }

  async getActiveConversations(tenantId: string): Promise<r.ConversationWithCustomer[]> {
    const rows = await this.all("getActiveConversations", (after, limit) =>
      ops.getActiveConversations(this.transport, { tenantId, after, limit }),
    );
    return datedAll("ConversationWithCustomer", rows);
  }

  async getConversationChannelCounts(tenantId: string): Promise<r.ConversationChannelCounts> {
    return ops.getConversationChannelCounts(this.transport, { tenantId });
  }

  /** `lastMessageAt` and `createdAt` are not sent: salesgate sets both to now. */
  async createConversation(conversation: I.InsertConversation): Promise<r.Conversation> {
    const c = await ops.createConversation(this.transport, {
      tenantId: conversation.tenantId,
      body: body(conversation, [...BOOKKEEPING, "lastMessageAt"]),
    });
    return dated("Conversation", c);
  }

  /** A status change outside CONVERSATION_TRANSITIONS is a `SalesgateError` 409 `invalid_state`. */
  async updateConversation(id: string, data: I.Patch<r.ConversationPatch>): Promise<r.Conversation | undefined> {
    const c = await this.byId("conversations", id, (tenantId) =>
      ops.updateConversation(this.transport, { tenantId, conversationId: id, body: patch(data) }),
    );
    return c && dated("Conversation", c);
  }

  /** Deletes the conversation and everything attached, in one transaction; `false` when there was none. */
  async deleteConversation(id: string): Promise<boolean> {
    return this.deleteById("conversations", id, (tenantId) =>
      ops.deleteConversation(this.transport, { tenantId, conversationId: id }),
    );
  }

  // ---- §11 Messages

  async getMessage(id: string): Promise<r.Message | undefined> {
    const m = await this.byId("messages", id, (tenantId) => ops.getMessage(this.transport, { tenantId, messageId: id }));
    return m && dated("Message", m);
  }

  async getMessagesByConversation(conversationId: string): Promise<r.Message[]> {
    const rows = await this.under("conversations", conversationId, "getMessagesByConversation", (tenantId, after, limit) =>
      ops.getMessagesByConversation(this.transport, { tenantId, conversationId, after, limit }),
    );
    return datedAll("Message", rows);
  }

  /**
   * Oldest first from the beginning, or after the message `cursor`; `limit` clamped to 1–200.
   * A cursor that is not a message of the conversation is a `SalesgateError` 400 (the old
   * method silently restarted from the beginning). An unknown conversation: no messages.
   */
  async getMessagesByConversationPaginated(conversationId: string, cursor?: string, limit = 50): Promise<I.MessagePage> {
    const n = Math.min(200, Math.max(1, Math.trunc(limit)));
    const tenantId = await this.tenantOf("conversations", conversationId);
    if (tenantId === undefined) {
      return { messages: [], nextCursor: null };
    }
    const page = await this.found(
      cursor
        ? ops.getMessagesByConversationPaginated(this.transport, { tenantId, conversationId, after: cursor, limit: n })
        : ops.getMessagesByConversation(this.transport, { tenantId, conversationId, limit: n }),
    );
    if (page === undefined) {
      return { messages: [], nextCursor: null };
    }
    return { messages: datedAll("Message", page.items), nextCursor: page.nextCursor };
  }

  /** `createdAt` is not sent: salesgate stamps the message with now (and bumps the conversation's lastMessageAt to it). */
  async createMessage(message: I.InsertMessage): Promise<r.Message> {
    const conversationId = message.conversationId;
    const tenantId = await this.tenantUnder("conversations", conversationId, "createMessage");
    const m = await ops.createMessage(this.transport, {
      tenantId,
      conversationId,
      body: body(message, [...BOOKKEEPING, "conversationId"]),
    });
    return dated("Message", m);
  }

  async updateMessage(id: string, data: I.Patch<r.MessagePatch>): Promise<r.Message | undefined> {
    const m = await this.byId("messages", id, (tenantId) =>
      ops.updateMessage(this.transport, { tenantId, messageId: id, body: patch(data) }),
    );
    return m && dated("Message", m);
  }

  async getMessagesBySuggestionId(suggestionId: string): Promise<r.Message[]> {
    const rows = await this.under("ai_suggestions", suggestionId, "getMessagesBySuggestionId", (tenantId, after, limit) =>
      ops.getMessagesBySuggestionId(this.transport, { tenantId, suggestionId, after, limit }),
    );
    return datedAll("Message", rows);
  }

  // ---- §12 Products

  async getProduct(id: string): Promise<r.Product | undefined> {
    const p = await this.byId("products", id, (tenantId) => ops.getProduct(this.transport, { tenantId, productId: id }));
    return p && dated("Product", p);
  }

  async getProductsByTenant(tenantId: string): Promise<r.Product[]> {
    const rows = await this.all("getProductsByTenant", (after, limit) =>
      ops.getProductsByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("Product", rows);
  }

  async createProduct(product: I.InsertProduct): Promise<r.Product> {
    return dated("Product", await ops.createProduct(this.transport, { tenantId: product.tenantId, body: body(product, BOOKKEEPING) }));
  }

  async updateProduct(id: string, data: I.Patch<r.ProductPatch>): Promise<r.Product | undefined> {
    const p = await this.byId("products", id, (tenantId) =>
      ops.updateProduct(this.transport, { tenantId, productId: id, body: patch(data) }),
    );
    return p && dated("Product", p);
  }

  /** Whether the product was deleted (the old method answered `true` always). Its RAG rows stay: deleteRagBySource. */
  async deleteProduct(id: string): Promise<boolean> {
    return this.deleteById("products", id, (tenantId) => ops.deleteProduct(this.transport, { tenantId, productId: id }));
  }

  async searchProducts(tenantId: string, query: string): Promise<r.Product[]> {
    const rows = await this.all("searchProducts", (after, limit) =>
      ops.searchProducts(this.transport, { tenantId, q: query, after, limit }),
    );
    return datedAll("Product", rows);
  }

  // ---- §13 Knowledge docs

  async getKnowledgeDoc(id: string): Promise<r.KnowledgeDoc | undefined> {
    const d = await this.byId("knowledge_docs", id, (tenantId) =>
      ops.getKnowledgeDoc(this.transport, { tenantId, knowledgeDocId: id }),
    );
    return d && dated("KnowledgeDoc", d);
  }

  async getKnowledgeDocsByTenant(tenantId: string): Promise<r.KnowledgeDoc[]> {
    const rows = await this.all("getKnowledgeDocsByTenant", (after, limit) =>
      ops.getKnowledgeDocsByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("KnowledgeDoc", rows);
  }

  async createKnowledgeDoc(doc: I.InsertKnowledgeDoc): Promise<r.KnowledgeDoc> {
    return dated("KnowledgeDoc", await ops.createKnowledgeDoc(this.transport, { tenantId: doc.tenantId, body: body(doc, BOOKKEEPING) }));
  }

  async updateKnowledgeDoc(id: string, data: I.Patch<r.KnowledgeDocPatch>): Promise<r.KnowledgeDoc | undefined> {
    const d = await this.byId("knowledge_docs", id, (tenantId) =>
      ops.updateKnowledgeDoc(this.transport, { tenantId, knowledgeDocId: id, body: patch(data) }),
    );
    return d && dated("KnowledgeDoc", d);
  }

  /** Whether the doc was deleted (with its chunks); the old method answered `true` always. */
  async deleteKnowledgeDoc(id: string): Promise<boolean> {
    return this.deleteById("knowledge_docs", id, (tenantId) =>
      ops.deleteKnowledgeDoc(this.transport, { tenantId, knowledgeDocId: id }),
    );
  }

  async searchKnowledgeDocs(tenantId: string, query: string): Promise<r.KnowledgeDoc[]> {
    const rows = await this.all("searchKnowledgeDocs", (after, limit) =>
      ops.searchKnowledgeDocs(this.transport, { tenantId, q: query, after, limit }),
    );
    return datedAll("KnowledgeDoc", rows);
  }

  // ---- §14 AI suggestions

  async getAiSuggestion(id: string): Promise<r.AiSuggestion | undefined> {
    const s = await this.byId("ai_suggestions", id, (tenantId) =>
      ops.getAiSuggestion(this.transport, { tenantId, suggestionId: id }),
    );
    return s && dated("AiSuggestion", s);
  }

  async getPendingSuggestionByConversation(conversationId: string): Promise<r.AiSuggestion | undefined> {
    const s = await this.byId("conversations", conversationId, (tenantId) =>
      ops.getPendingSuggestionByConversation(this.transport, { tenantId, conversationId }),
    );
    return s && dated("AiSuggestion", s);
  }

  async getSuggestionsByConversation(conversationId: string): Promise<r.AiSuggestion[]> {
    const rows = await this.under("conversations", conversationId, "getSuggestionsByConversation", (tenantId, after, limit) =>
      ops.getSuggestionsByConversation(this.transport, { tenantId, conversationId, after, limit }),
    );
    return datedAll("AiSuggestion", rows);
  }

  async getSuggestionsByTenant(tenantId: string): Promise<r.AiSuggestion[]> {
    const rows = await this.all("getSuggestionsByTenant", (after, limit) =>
      ops.getSuggestionsByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("AiSuggestion", rows);
  }

  async createAiSuggestion(suggestion: I.InsertAiSuggestion): Promise<r.AiSuggestion> {
    const conversationId = suggestion.conversationId;
    const tenantId = await this.tenantUnder("conversations", conversationId, "createAiSuggestion");
    const s = await ops.createAiSuggestion(this.transport, {
      tenantId,
      conversationId,
      body: body(suggestion, [...BOOKKEEPING, "conversationId"]),
    });
    return dated("AiSuggestion", s);
  }

  async updateAiSuggestion(id: string, data: I.Patch<r.AiSuggestionPatch>): Promise<r.AiSuggestion | undefined> {
    const s = await this.byId("ai_suggestions", id, (tenantId) =>
      ops.updateAiSuggestion(this.transport, { tenantId, suggestionId: id, body: patch(data) }),
    );
    return s && dated("AiSuggestion", s);
  }

  // ---- §15 Human actions

  async createHumanAction(action: I.InsertHumanAction): Promise<r.HumanAction> {
    const suggestionId = action.suggestionId;
    const tenantId = await this.tenantUnder("ai_suggestions", suggestionId, "createHumanAction");
    const a = await ops.createHumanAction(this.transport, {
      tenantId,
      suggestionId,
      body: body(action, [...BOOKKEEPING, "suggestionId"]),
    });
    return dated("HumanAction", a);
  }

  // ---- §16 AI training samples

  async createAiTrainingSample(sample: I.InsertAiTrainingSample): Promise<r.AiTrainingSample> {
    const s = await ops.createAiTrainingSample(this.transport, { tenantId: sample.tenantId, body: body(sample, BOOKKEEPING) });
    return dated("AiTrainingSample", s);
  }

  async getAiTrainingSamplesByTenant(tenantId: string, outcome?: string): Promise<r.AiTrainingSample[]> {
    const o = outcome as r.AiTrainingSample["outcome"] | undefined;
    const rows = await this.all("getAiTrainingSamplesByTenant", (after, limit) =>
      ops.getAiTrainingSamplesByTenant(this.transport, { tenantId, outcome: o, after, limit }),
    );
    return datedAll("AiTrainingSample", rows);
  }

  async getAiTrainingSamplesCount(tenantId: string): Promise<number> {
    return (await ops.getAiTrainingSamplesCount(this.transport, { tenantId })).count;
  }

  // ---- §17 AI training policies

  async getAiTrainingPolicy(tenantId: string): Promise<r.AiTrainingPolicy | undefined> {
    const p = await this.found(ops.getAiTrainingPolicy(this.transport, { tenantId }));
    return p && dated("AiTrainingPolicy", p);
  }

  async upsertAiTrainingPolicy(policy: I.InsertAiTrainingPolicy): Promise<r.AiTrainingPolicy> {
    const p = await ops.upsertAiTrainingPolicy(this.transport, { tenantId: policy.tenantId, body: body(policy, BOOKKEEPING) });
    return dated("AiTrainingPolicy", p);
  }

  // ---- §18 Learning queue

  async createLearningQueueItem(item: I.InsertLearningQueueItem): Promise<r.LearningQueueItem> {
    const i = await ops.createLearningQueueItem(this.transport, { tenantId: item.tenantId, body: body(item, BOOKKEEPING) });
    return dated("LearningQueueItem", i);
  }

  async getLearningQueueByTenant(tenantId: string, minScore?: number): Promise<r.LearningQueueItem[]> {
    const rows = await this.all("getLearningQueueByTenant", (after, limit) =>
      ops.getLearningQueueByTenant(this.transport, { tenantId, minScore, after, limit }),
    );
    return datedAll("LearningQueueItem", rows);
  }

  async getLearningQueueItem(conversationId: string): Promise<r.LearningQueueItem | undefined> {
    const i = await this.byId("conversations", conversationId, (tenantId) =>
      ops.getLearningQueueItem(this.transport, { tenantId, conversationId }),
    );
    return i && dated("LearningQueueItem", i);
  }

  async updateLearningQueueItem(
    id: string,
    data: I.Patch<r.LearningQueueItemPatch>,
  ): Promise<r.LearningQueueItem | undefined> {
    const i = await this.byId("learning_queue", id, (tenantId) =>
      ops.updateLearningQueueItem(this.transport, { tenantId, learningQueueItemId: id, body: patch(data) }),
    );
    return i && dated("LearningQueueItem", i);
  }

  async upsertLearningQueueItem(item: I.InsertLearningQueueItem): Promise<r.LearningQueueItem> {
    const i = await ops.upsertLearningQueueItem(this.transport, {
      tenantId: item.tenantId,
      conversationId: item.conversationId,
      body: body(item, [...BOOKKEEPING, "conversationId"]),
    });
    return dated("LearningQueueItem", i);
  }

  // ---- §19 Escalation events

  async getEscalationEvent(id: string): Promise<r.EscalationEvent | undefined> {
    const e = await this.byId("escalation_events", id, (tenantId) =>
      ops.getEscalationEvent(this.transport, { tenantId, escalationId: id }),
    );
    return e && dated("EscalationEvent", e);
  }

  async getEscalationsByTenant(tenantId: string): Promise<r.EscalationEvent[]> {
    const rows = await this.all("getEscalationsByTenant", (after, limit) =>
      ops.getEscalationsByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("EscalationEvent", rows);
  }

  /** The newest `limit` escalations (1–1000). */
  async getRecentEscalations(tenantId: string, limit: number): Promise<r.EscalationEvent[]> {
    const n = Math.min(1000, Math.max(1, Math.trunc(limit)));
    return datedAll("EscalationEvent", (await ops.getRecentEscalations(this.transport, { tenantId, limit: n })).items);
  }

  async createEscalationEvent(event: I.InsertEscalationEvent): Promise<r.EscalationEvent> {
    const tenantId = await this.tenantUnder("conversations", event.conversationId, "createEscalationEvent");
    const e = await ops.createEscalationEvent(this.transport, { tenantId, body: body(event, BOOKKEEPING) });
    return dated("EscalationEvent", e);
  }

  async updateEscalationEvent(id: string, data: I.Patch<r.EscalationEventPatch>): Promise<r.EscalationEvent | undefined> {
    const e = await this.byId("escalation_events", id, (tenantId) =>
      ops.updateEscalationEvent(this.transport, { tenantId, escalationId: id, body: patch(data) }),
    );
    return e && dated("EscalationEvent", e);
  }

  // ---- §20 Response templates

  async getTemplatesByTenant(tenantId: string): Promise<r.ResponseTemplate[]> {
    const rows = await this.all("getTemplatesByTenant", (after, limit) =>
      ops.getTemplatesByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("ResponseTemplate", rows);
  }

  async createTemplate(template: I.InsertResponseTemplate): Promise<r.ResponseTemplate> {
    const t = await ops.createTemplate(this.transport, { tenantId: template.tenantId, body: body(template, BOOKKEEPING) });
    return dated("ResponseTemplate", t);
  }

  // ---- §21 Dashboard

  async getDashboardMetrics(tenantId: string): Promise<r.DashboardMetrics> {
    return ops.getDashboardMetrics(this.transport, { tenantId });
  }

  // ---- §22 Per-tenant settings

  async getDecisionSettings(tenantId: string): Promise<r.DecisionSettings | undefined> {
    const s = await this.found(ops.getDecisionSettings(this.transport, { tenantId }));
    return s && dated("DecisionSettings", s);
  }

  async upsertDecisionSettings(settings: I.InsertDecisionSettings): Promise<r.DecisionSettings> {
    const s = await ops.upsertDecisionSettings(this.transport, { tenantId: settings.tenantId, body: body(settings, BOOKKEEPING) });
    return dated("DecisionSettings", s);
  }

  /** The tenant's settings, or the defaults (not stored) when it has none: never `undefined` in practice, as before. */
  async getHumanDelaySettings(tenantId: string): Promise<r.HumanDelaySettings | undefined> {
    const s = await this.found(ops.getHumanDelaySettings(this.transport, { tenantId }));
    return s && dated("HumanDelaySettings", s);
  }

  async upsertHumanDelaySettings(settings: I.InsertHumanDelaySettings): Promise<r.HumanDelaySettings> {
    const s = await ops.upsertHumanDelaySettings(this.transport, { tenantId: settings.tenantId, body: body(settings, BOOKKEEPING) });
    return dated("HumanDelaySettings", s);
  }

  async getOnboardingState(tenantId: string): Promise<r.OnboardingState | undefined> {
    const s = await this.found(ops.getOnboardingState(this.transport, { tenantId }));
    return s && dated("OnboardingState", s);
  }

  async upsertOnboardingState(state: I.InsertOnboardingState): Promise<r.OnboardingState> {
    const s = await ops.upsertOnboardingState(this.transport, { tenantId: state.tenantId, body: body(state, BOOKKEEPING) });
    return dated("OnboardingState", s);
  }

  // ---- §23 Readiness reports

  async createReadinessReport(report: I.InsertReadinessReport): Promise<r.ReadinessReport> {
    const rr = await ops.createReadinessReport(this.transport, { tenantId: report.tenantId, body: body(report, BOOKKEEPING) });
    return dated("ReadinessReport", rr);
  }

  async getLatestReadinessReport(tenantId: string): Promise<r.ReadinessReport | undefined> {
    const rr = await this.found(ops.getLatestReadinessReport(this.transport, { tenantId }));
    return rr && dated("ReadinessReport", rr);
  }

  // ---- §24 CSAT, conversions, lost deals

  /** A second rating of a conversation is a `SalesgateError` 409 `conflict` (`isConflict`). */
  async createCsatRating(rating: I.InsertCsatRating): Promise<r.CsatRating> {
    return dated("CsatRating", await ops.createCsatRating(this.transport, { tenantId: rating.tenantId, body: body(rating, BOOKKEEPING) }));
  }

  async getCsatRatingByConversation(conversationId: string): Promise<r.CsatRating | undefined> {
    const c = await this.byId("conversations", conversationId, (tenantId) =>
      ops.getCsatRatingByConversation(this.transport, { tenantId, conversationId }),
    );
    return c && dated("CsatRating", c);
  }

  async getCsatRatingsByTenant(tenantId: string): Promise<r.CsatRating[]> {
    const rows = await this.all("getCsatRatingsByTenant", (after, limit) =>
      ops.getCsatRatingsByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("CsatRating", rows);
  }

  async createConversion(conversion: I.InsertConversion): Promise<r.Conversion> {
    const c = await ops.createConversion(this.transport, { tenantId: conversion.tenantId, body: body(conversion, BOOKKEEPING) });
    return dated("Conversion", c);
  }

  async getConversionByConversation(conversationId: string): Promise<r.Conversion | undefined> {
    const c = await this.byId("conversations", conversationId, (tenantId) =>
      ops.getConversionByConversation(this.transport, { tenantId, conversationId }),
    );
    return c && dated("Conversion", c);
  }

  async getConversionsByTenant(tenantId: string): Promise<r.Conversion[]> {
    const rows = await this.all("getConversionsByTenant", (after, limit) =>
      ops.getConversionsByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("Conversion", rows);
  }

  async createLostDeal(lostDeal: I.InsertLostDeal): Promise<r.LostDeal> {
    const l = await ops.createLostDeal(this.transport, { tenantId: lostDeal.tenantId, body: body(lostDeal, BOOKKEEPING) });
    return dated("LostDeal", l);
  }

  async getLostDealByConversation(conversationId: string): Promise<r.LostDeal | undefined> {
    const l = await this.byId("conversations", conversationId, (tenantId) =>
      ops.getLostDealByConversation(this.transport, { tenantId, conversationId }),
    );
    return l && dated("LostDeal", l);
  }

  async getLostDealsByTenant(tenantId: string): Promise<r.LostDeal[]> {
    const rows = await this.all("getLostDealsByTenant", (after, limit) =>
      ops.getLostDealsByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("LostDeal", rows);
  }

  // ---- §25 Metrics

  async getCustomersCount(tenantId: string): Promise<number> {
    return (await ops.getCustomersCount(this.transport, { tenantId })).count;
  }

  async getCustomerNotesCount(tenantId: string): Promise<number> {
    return (await ops.getCustomerNotesCount(this.transport, { tenantId })).count;
  }

  async getCustomerMemoryCount(tenantId: string): Promise<number> {
    return (await ops.getCustomerMemoryCount(this.transport, { tenantId })).count;
  }

  // ---- §26 RAG

  async createRagDocument(doc: I.InsertRagDocument): Promise<r.RagDocument> {
    return dated("RagDocument", await ops.createRagDocument(this.transport, { tenantId: doc.tenantId, body: body(doc, BOOKKEEPING) }));
  }

  async createRagChunk(chunk: I.InsertRagChunk): Promise<r.RagChunk> {
    const ragDocumentId = chunk.ragDocumentId;
    const tenantId = await this.tenantUnder("rag_documents", ragDocumentId, "createRagChunk");
    const c = await ops.createRagChunk(this.transport, {
      tenantId,
      ragDocumentId,
      body: body(chunk, [...BOOKKEEPING, "ragDocumentId"]),
    });
    return dated("RagChunk", c);
  }

  async deleteRagBySource(tenantId: string, sourceType: "PRODUCT" | "DOC", sourceId: string): Promise<{ deletedDocs: number }> {
    return ops.deleteRagBySource(this.transport, { tenantId, type: sourceType, sourceId });
  }

  async updateRagChunkEmbedding(chunkId: string, embedding: number[]): Promise<boolean> {
    const tenantId = await this.tenantOf("rag_chunks", chunkId);
    return tenantId === undefined
      ? false
      : this.done(ops.updateRagChunkEmbedding(this.transport, { tenantId, ragChunkId: chunkId, body: { embedding } }));
  }

  async getRagChunksBySource(
    tenantId: string,
    sourceType: "PRODUCT" | "DOC",
    sourceId: string,
  ): Promise<Array<{ id: string; chunkText: string; embedding: number[] | null }>> {
    return this.all("getRagChunksBySource", (after, limit) =>
      ops.getRagChunksBySource(this.transport, { tenantId, type: sourceType, sourceId, after, limit }),
    );
  }

  async getRagChunksWithoutEmbedding(tenantId: string, limit = 100): Promise<Array<{ id: string; chunkText: string }>> {
    return (await ops.getRagChunksWithoutEmbedding(this.transport, { tenantId, limit })).items;
  }

  async getRagChunksWithStaleHash(
    tenantId: string,
    limit = 100,
  ): Promise<Array<{ id: string; chunkText: string; storedHash: string | null; currentHash: string }>> {
    const page = await ops.getRagChunksWithStaleHash(this.transport, { tenantId, limit });
    return page.items.map((c) => ({ id: c.id, chunkText: c.chunkText, storedHash: c.storedHash ?? null, currentHash: c.currentHash }));
  }

  async invalidateStaleEmbeddings(tenantId: string): Promise<{ invalidated: number }> {
    return ops.invalidateStaleEmbeddings(this.transport, { tenantId });
  }

  async getAllRagChunksWithEmbedding(
    tenantId: string,
  ): Promise<Array<{ id: string; chunkText: string; chunkIndex: number; embedding: string | null; metadata: unknown }>> {
    return this.all("getAllRagChunksWithEmbedding", (after, limit) =>
      ops.getAllRagChunksWithEmbedding(this.transport, { tenantId, after, limit }),
    );
  }

  // ---- §27 Update history (platform)

  async getUpdateHistory(): Promise<r.UpdateHistory[]> {
    const rows = await this.all("getUpdateHistory", (after, limit) => ops.getUpdateHistory(this.transport, { after, limit }));
    return datedAll("UpdateHistory", rows);
  }

  async getUpdateById(id: string): Promise<r.UpdateHistory | undefined> {
    const u = await this.found(ops.getUpdateById(this.transport, { updateId: id }));
    return u && dated("UpdateHistory", u);
  }

  async createUpdate(update: I.InsertUpdateHistory): Promise<r.UpdateHistory> {
    return dated("UpdateHistory", await ops.createUpdate(this.transport, { body: body(update, BOOKKEEPING) }));
  }

  async updateUpdateStatus(id: string, status: I.UpdateStatus, errorMessage?: string): Promise<r.UpdateHistory | undefined> {
    const change: ops.UpdateStatusChange = errorMessage === undefined ? { status } : { status, errorMessage };
    const u = await this.found(ops.updateUpdateStatus(this.transport, { updateId: id, body: change }));
    return u && dated("UpdateHistory", u);
  }

  async setUpdateBackupPath(id: string, backupPath: string): Promise<r.UpdateHistory | undefined> {
    const u = await this.found(ops.setUpdateBackupPath(this.transport, { updateId: id, body: { backupPath } }));
    return u && dated("UpdateHistory", u);
  }

  async getCurrentVersion(): Promise<string> {
    return (await ops.getCurrentVersion(this.transport)).version;
  }

  // ---- §28 Vehicle lookup

  async getVehicleLookupCacheByKey(lookupKey: string): Promise<r.VehicleLookupCache | undefined> {
    const c = await this.found(ops.getVehicleLookupCacheByKey(this.transport, { lookupKey }));
    return c && dated("VehicleLookupCache", c);
  }

  async upsertVehicleLookupCache(data: I.InsertVehicleLookupCache): Promise<r.VehicleLookupCache> {
    return dated("VehicleLookupCache", await ops.upsertVehicleLookupCache(this.transport, { body: body(data, BOOKKEEPING) }));
  }

  async linkCaseToCache(caseId: string, cacheId: string): Promise<void> {
    await this.byId("vehicle_lookup_cases", caseId, (tenantId) => ops.linkCaseToCache(this.transport, { tenantId, caseId, cacheId }));
  }

  async createVehicleLookupCase(data: I.InsertVehicleLookupCase): Promise<r.VehicleLookupCase> {
    const c = await ops.createVehicleLookupCase(this.transport, { tenantId: data.tenantId, body: body(data, BOOKKEEPING) });
    return dated("VehicleLookupCase", c);
  }

  async getVehicleLookupCaseById(caseId: string): Promise<r.VehicleLookupCase | undefined> {
    const c = await this.byId("vehicle_lookup_cases", caseId, (tenantId) =>
      ops.getVehicleLookupCaseById(this.transport, { tenantId, caseId }),
    );
    return c && dated("VehicleLookupCase", c);
  }

  async getLatestVehicleLookupCaseByConversation(
    tenantId: string,
    conversationId: string,
  ): Promise<r.VehicleLookupCase | undefined> {
    const c = await this.found(ops.getLatestVehicleLookupCaseByConversation(this.transport, { tenantId, conversationId }));
    return c && dated("VehicleLookupCase", c);
  }

  async findActiveVehicleLookupCase(
    tenantId: string,
    conversationId: string,
    normalizedValue: string,
  ): Promise<r.VehicleLookupCase | undefined> {
    const c = await this.found(ops.findActiveVehicleLookupCase(this.transport, { tenantId, conversationId, normalizedValue }));
    return c && dated("VehicleLookupCase", c);
  }

  async updateVehicleLookupCaseStatus(
    caseId: string,
    update: r.VehicleLookupCaseStatusUpdate,
  ): Promise<r.VehicleLookupCase | undefined> {
    const c = await this.byId("vehicle_lookup_cases", caseId, (tenantId) =>
      ops.updateVehicleLookupCaseStatus(this.transport, { tenantId, caseId, body: update }),
    );
    return c && dated("VehicleLookupCase", c);
  }

  // ---- §29 Price snapshots & internal prices

  /** A snapshot of `data.tenantId`, or a global one (shared by every tenant; service only) when it is null or absent. */
  async createPriceSnapshot(data: I.InsertPriceSnapshot): Promise<r.PriceSnapshot> {
    const b = body<ops.PriceSnapshotInsert>(data, BOOKKEEPING);
    const tenantId = data.tenantId;
    const s =
      tenantId === null || tenantId === undefined
        ? await ops.createGlobalPriceSnapshot(this.transport, { body: b })
        : await ops.createPriceSnapshot(this.transport, { tenantId, body: b });
    return dated("PriceSnapshot", s);
  }

  async getGlobalPriceSnapshot(oem: string): Promise<r.PriceSnapshot | null> {
    const s = await this.found(ops.getGlobalPriceSnapshot(this.transport, { oem }));
    return s ? dated("PriceSnapshot", s) : null;
  }

  /**
   * The newest fresh snapshot of `oem`: the request tenant's or a global one. The old method
   * read every tenant's snapshots; salesgate reads the tenant's and the global ones. Outside a
   * tenant context, the global one (7 days only; another `maxAgeDays` needs a tenant).
   */
  async getLatestPriceSnapshot(oem: string, maxAgeDays = 7): Promise<r.PriceSnapshot | undefined> {
    const tenantId = this.contextTenant();
    if (tenantId === undefined) {
      if (maxAgeDays !== 7) {
        throw new TenantRequiredError("getLatestPriceSnapshot");
      }
      return (await this.getGlobalPriceSnapshot(oem)) ?? undefined;
    }
    const s = await this.found(ops.getLatestPriceSnapshot(this.transport, { tenantId, oem, maxAgeDays }));
    return s && dated("PriceSnapshot", s);
  }

  async getPriceSnapshotsByOem(tenantId: string, oem: string, limit = 50): Promise<r.PriceSnapshot[]> {
    const n = Math.min(1000, Math.max(1, Math.trunc(limit)));
    return datedAll("PriceSnapshot", (await ops.getPriceSnapshotsByOem(this.transport, { tenantId, oem, limit: n })).items);
  }

  async upsertInternalPrice(data: I.InsertInternalPrice): Promise<r.InternalPrice> {
    const p = await ops.upsertInternalPrice(this.transport, { tenantId: data.tenantId, body: body(data, BOOKKEEPING) });
    return dated("InternalPrice", p);
  }

  async getInternalPricesByOem(tenantId: string, oem: string): Promise<r.InternalPrice[]> {
    const rows = await this.all("getInternalPricesByOem", (after, limit) =>
      ops.getInternalPricesByOem(this.transport, { tenantId, oem, after, limit }),
    );
    return datedAll("InternalPrice", rows);
  }

  // ---- §30 Telegram accounts

  async getTelegramAccountsByTenant(tenantId: string): Promise<r.TelegramSession[]> {
    const rows = await this.all("getTelegramAccountsByTenant", (after, limit) =>
      ops.getTelegramAccountsByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("TelegramSession", rows);
  }

  async getTelegramAccountById(id: string): Promise<r.TelegramSession | undefined> {
    const a = await this.byId("telegram_sessions", id, (tenantId) =>
      ops.getTelegramAccountById(this.transport, { tenantId, accountId: id }),
    );
    return a && dated("TelegramSession", a);
  }

  async getActiveTelegramAccounts(): Promise<r.TelegramSession[]> {
    const rows = await this.all("getActiveTelegramAccounts", (after, limit) =>
      ops.getActiveTelegramAccounts(this.transport, { after, limit }),
    );
    return datedAll("TelegramSession", rows);
  }

  async createTelegramAccount(data: I.InsertTelegramSession): Promise<r.TelegramSession> {
    const a = await ops.createTelegramAccount(this.transport, { tenantId: data.tenantId, body: body(data, BOOKKEEPING) });
    return dated("TelegramSession", a);
  }

  async updateTelegramAccount(id: string, data: I.Patch<r.TelegramSessionPatch>): Promise<r.TelegramSession | undefined> {
    const a = await this.byId("telegram_sessions", id, (tenantId) =>
      ops.updateTelegramAccount(this.transport, { tenantId, accountId: id, body: patch(data) }),
    );
    return a && dated("TelegramSession", a);
  }

  async deleteTelegramAccount(id: string): Promise<boolean> {
    return this.deleteById("telegram_sessions", id, (tenantId) =>
      ops.deleteTelegramAccount(this.transport, { tenantId, accountId: id }),
    );
  }

  // ---- §31 Message templates

  async getMessageTemplatesByTenant(tenantId: string): Promise<r.MessageTemplate[]> {
    const rows = await this.all("getMessageTemplatesByTenant", (after, limit) =>
      ops.getMessageTemplatesByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("MessageTemplate", rows);
  }

  async getActiveMessageTemplateByType(tenantId: string, type: string): Promise<r.MessageTemplate | undefined> {
    const templateType = type as r.MessageTemplate["type"];
    const t = await this.found(ops.getActiveMessageTemplateByType(this.transport, { tenantId, templateType }));
    return t && dated("MessageTemplate", t);
  }

  async getMessageTemplate(id: string): Promise<r.MessageTemplate | undefined> {
    const t = await this.byId("message_templates", id, (tenantId) =>
      ops.getMessageTemplate(this.transport, { tenantId, messageTemplateId: id }),
    );
    return t && dated("MessageTemplate", t);
  }

  async createMessageTemplate(data: I.InsertMessageTemplate): Promise<r.MessageTemplate> {
    const t = await ops.createMessageTemplate(this.transport, { tenantId: data.tenantId, body: body(data, BOOKKEEPING) });
    return dated("MessageTemplate", t);
  }

  async updateMessageTemplate(id: string, data: I.Patch<r.MessageTemplatePatch>): Promise<r.MessageTemplate | undefined> {
    const t = await this.byId("message_templates", id, (tenantId) =>
      ops.updateMessageTemplate(this.transport, { tenantId, messageTemplateId: id, body: patch(data) }),
    );
    return t && dated("MessageTemplate", t);
  }

  async deleteMessageTemplate(id: string): Promise<boolean> {
    return this.deleteById("message_templates", id, (tenantId) =>
      ops.deleteMessageTemplate(this.transport, { tenantId, messageTemplateId: id }),
    );
  }

  /** Adds the default templates the tenant does not have yet (calling it twice no longer duplicates them). */
  async seedDefaultTemplates(tenantId: string): Promise<void> {
    await ops.seedDefaultTemplates(this.transport, { tenantId });
  }

  // ---- §32 Payment methods

  async getPaymentMethodsByTenant(tenantId: string): Promise<r.PaymentMethod[]> {
    const rows = await this.all("getPaymentMethodsByTenant", (after, limit) =>
      ops.getPaymentMethodsByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("PaymentMethod", rows);
  }

  async getActivePaymentMethods(tenantId: string): Promise<r.PaymentMethod[]> {
    const rows = await this.all("getActivePaymentMethods", (after, limit) =>
      ops.getActivePaymentMethods(this.transport, { tenantId, after, limit }),
    );
    return datedAll("PaymentMethod", rows);
  }

  async getPaymentMethod(id: string): Promise<r.PaymentMethod | undefined> {
    const m = await this.byId("payment_methods", id, (tenantId) =>
      ops.getPaymentMethod(this.transport, { tenantId, paymentMethodId: id }),
    );
    return m && dated("PaymentMethod", m);
  }

  async createPaymentMethod(data: I.InsertPaymentMethod): Promise<r.PaymentMethod> {
    const m = await ops.createPaymentMethod(this.transport, { tenantId: data.tenantId, body: body(data, BOOKKEEPING) });
    return dated("PaymentMethod", m);
  }

  async updatePaymentMethod(id: string, data: I.Patch<r.PaymentMethodPatch>): Promise<r.PaymentMethod | undefined> {
    const m = await this.byId("payment_methods", id, (tenantId) =>
      ops.updatePaymentMethod(this.transport, { tenantId, paymentMethodId: id, body: patch(data) }),
    );
    return m && dated("PaymentMethod", m);
  }

  async deletePaymentMethod(id: string): Promise<boolean> {
    return this.deleteById("payment_methods", id, (tenantId) =>
      ops.deletePaymentMethod(this.transport, { tenantId, paymentMethodId: id }),
    );
  }

  /** Sets every listed order in one transaction; an id that is not the tenant's is a `SalesgateError` 404 and nothing changes (it was skipped before). */
  async reorderPaymentMethods(tenantId: string, updates: Array<{ id: string; order: number }>): Promise<void> {
    if (updates.length === 0) {
      return;
    }
    await ops.reorderPaymentMethods(this.transport, { tenantId, body: updates.map((u) => ({ id: u.id, order: u.order })) });
  }

  // ---- §33 Tenant agent settings

  async getTenantAgentSettings(tenantId: string): Promise<r.TenantAgentSettings | null> {
    const s = await this.found(ops.getTenantAgentSettings(this.transport, { tenantId }));
    return s ? dated("TenantAgentSettings", s) : null;
  }

  async upsertTenantAgentSettings(
    tenantId: string,
    data: I.Patch<r.TenantAgentSettingsInsert>,
  ): Promise<r.TenantAgentSettings> {
    return dated("TenantAgentSettings", await ops.upsertTenantAgentSettings(this.transport, { tenantId, body: patch(data) }));
  }

  // =====================================================================================
  // Appendix A: the data access outside IStorage (billing, flags, admin, MAX Personal, fraud,
  // secrets, audit, proxies, customer data deletion, sessions), under their operation ids.

  // ---- Billing

  /** The active plan; `plan` is created (active) when there is none. */
  async ensurePlanExists(plan: r.PlanToEnsure): Promise<r.Plan> {
    return dated("Plan", await ops.ensurePlanExists(this.transport, { body: plan }));
  }

  async getSubscriptionByTenant(tenantId: string): Promise<r.Subscription | undefined> {
    const s = await this.found(ops.getSubscriptionByTenant(this.transport, { tenantId }));
    return s && dated("Subscription", s);
  }

  async hasActiveGrant(tenantId: string): Promise<{ hasGrant: boolean; grantEndsAt?: Date }> {
    const g = await ops.hasActiveGrant(this.transport, { tenantId });
    const grantEndsAt = toDate(g.grantEndsAt);
    return grantEndsAt ? { hasGrant: g.hasGrant, grantEndsAt } : { hasGrant: g.hasGrant };
  }

  async getBillingStatus(tenantId: string): Promise<BillingStatus> {
    const { currentPeriodEnd, trialEndsAt, grantEndsAt, plan, ...rest } = await ops.getBillingStatus(this.transport, { tenantId });
    const out: BillingStatus = { ...rest };
    if (plan !== undefined) out.plan = dated("Plan", plan);
    if (currentPeriodEnd !== undefined) out.currentPeriodEnd = new Date(currentPeriodEnd);
    if (trialEndsAt !== undefined) out.trialEndsAt = new Date(trialEndsAt);
    if (grantEndsAt !== undefined) out.grantEndsAt = new Date(grantEndsAt);
    return out;
  }

  /** Starts the 72-hour trial; a tenant that had one (or has a subscription) is a `SalesgateError` 409. */
  async startTrial(tenantId: string): Promise<r.Subscription> {
    return dated("Subscription", await ops.startTrial(this.transport, { tenantId }));
  }

  async createExpiredSubscription(tenantId: string): Promise<r.Subscription> {
    return dated("Subscription", await ops.createExpiredSubscription(this.transport, { tenantId }));
  }

  async createInvoice(tenantId: string, invoice: r.SubscriptionInvoice): Promise<r.Subscription> {
    return dated("Subscription", await ops.createInvoice(this.transport, { tenantId, body: invoice }));
  }

  async refreshExpiredSubscriptions(): Promise<r.RefreshedSubscriptions> {
    return ops.refreshExpiredSubscriptions(this.transport);
  }

  async cancelSubscription(tenantId: string): Promise<r.Subscription | undefined> {
    const s = await this.found(ops.cancelSubscription(this.transport, { tenantId }));
    return s && dated("Subscription", s);
  }

  async syncStripeSubscription(tenantId: string, sync: r.StripeSubscriptionSync): Promise<r.Subscription> {
    return dated("Subscription", await ops.syncStripeSubscription(this.transport, { tenantId, body: body(sync) }));
  }

  // ---- Feature flags

  /** Flag name → enabled: the tenant's override, else the global value, else the built-in default. */
  async getEffectiveFeatureFlags(tenantId: string): Promise<Record<string, boolean>> {
    return (await ops.getEffectiveFeatureFlags(this.transport, { tenantId })).flags;
  }

  async setTenantFeatureFlag(tenantId: string, name: FlagName, enabled: boolean, description?: string | null): Promise<r.FeatureFlag> {
    const b: ops.FeatureFlagInsertForName = description === undefined ? { enabled } : { enabled, description };
    return dated("FeatureFlag", await ops.setTenantFeatureFlag(this.transport, { tenantId, flagName: name, body: b }));
  }

  async deleteTenantFeatureFlag(tenantId: string, name: FlagName): Promise<boolean> {
    return this.done(ops.deleteTenantFeatureFlag(this.transport, { tenantId, flagName: name }));
  }

  async getGlobalFeatureFlags(): Promise<r.FeatureFlag[]> {
    return datedAll("FeatureFlag", await this.all("getGlobalFeatureFlags", (after, limit) => ops.getGlobalFeatureFlags(this.transport, { after, limit })));
  }

  async setGlobalFeatureFlag(name: FlagName, enabled: boolean, description?: string | null): Promise<r.FeatureFlag> {
    const b: ops.FeatureFlagInsertForName = description === undefined ? { enabled } : { enabled, description };
    return dated("FeatureFlag", await ops.setGlobalFeatureFlag(this.transport, { flagName: name, body: b }));
  }

  // ---- Grants and admin actions (platform staff; each recorded in admin_actions)

  /** The tenant's newest grants (50 by default, as the admin page listed them). */
  async getGrantsByTenant(tenantId: string, limit = 50): Promise<r.SubscriptionGrant[]> {
    return datedAll("SubscriptionGrant", (await ops.getGrantsByTenant(this.transport, { tenantId, limit })).items);
  }

  async createGrant(tenantId: string, grant: r.SubscriptionGrantInsert): Promise<r.SubscriptionGrant> {
    return dated("SubscriptionGrant", await ops.createGrant(this.transport, { tenantId, body: body(grant) }));
  }

  async revokeGrant(tenantId: string, grantId: string, reason: string): Promise<r.SubscriptionGrant | undefined> {
    const g = await this.found(ops.revokeGrant(this.transport, { tenantId, grantId, body: { reason } }));
    return g && dated("SubscriptionGrant", g);
  }

  async restrictTenant(tenantId: string, reason: string): Promise<r.Tenant | undefined> {
    const t = await this.found(ops.restrictTenant(this.transport, { tenantId, body: { reason } }));
    return t && dated("Tenant", t);
  }

  async unrestrictTenant(tenantId: string, reason: string): Promise<r.Tenant | undefined> {
    const t = await this.found(ops.unrestrictTenant(this.transport, { tenantId, body: { reason } }));
    return t && dated("Tenant", t);
  }

  async disableUser(userId: string, reason: string): Promise<r.User | undefined> {
    const u = await this.found(ops.disableUser(this.transport, { userId, body: { reason } }));
    return u && dated("User", u);
  }

  async enableUser(userId: string, reason: string): Promise<r.User | undefined> {
    const u = await this.found(ops.enableUser(this.transport, { userId, body: { reason } }));
    return u && dated("User", u);
  }

  async promotePlatformAdmin(userId: string, reason: string): Promise<r.User | undefined> {
    const u = await this.found(ops.promotePlatformAdmin(this.transport, { userId, body: { reason } }));
    return u && dated("User", u);
  }

  async demotePlatformAdmin(userId: string, reason: string): Promise<r.User | undefined> {
    const u = await this.found(ops.demotePlatformAdmin(this.transport, { userId, body: { reason } }));
    return u && dated("User", u);
  }

  // ---- MAX Personal accounts

  async getMaxPersonalAccountsByTenant(tenantId: string): Promise<r.MaxPersonalAccount[]> {
    const rows = await this.all("getMaxPersonalAccountsByTenant", (after, limit) =>
      ops.getMaxPersonalAccountsByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("MaxPersonalAccount", rows);
  }

  /** A sixth account, or an idInstance the tenant has already, is a `SalesgateError` 409. */
  async createMaxPersonalAccount(tenantId: string, account: r.MaxPersonalAccountInsert): Promise<r.MaxPersonalAccount> {
    return dated("MaxPersonalAccount", await ops.createMaxPersonalAccount(this.transport, { tenantId, body: account }));
  }

  async getAuthorizedMaxPersonalAccount(tenantId: string): Promise<r.MaxPersonalAccount | undefined> {
    const a = await this.found(ops.getAuthorizedMaxPersonalAccount(this.transport, { tenantId }));
    return a && dated("MaxPersonalAccount", a);
  }

  async getMaxPersonalAccountByAccountId(tenantId: string, accountId: string): Promise<r.MaxPersonalAccount | undefined> {
    const a = await this.found(ops.getMaxPersonalAccountByAccountId(this.transport, { tenantId, accountId }));
    return a && dated("MaxPersonalAccount", a);
  }

  async updateMaxPersonalAccountLabel(
    tenantId: string,
    accountId: string,
    label: string | null,
  ): Promise<r.MaxPersonalAccount | undefined> {
    const a = await this.found(ops.updateMaxPersonalAccountLabel(this.transport, { tenantId, accountId, body: { label } }));
    return a && dated("MaxPersonalAccount", a);
  }

  async deleteMaxPersonalAccount(tenantId: string, accountId: string): Promise<boolean> {
    return this.done(ops.deleteMaxPersonalAccount(this.transport, { tenantId, accountId }));
  }

  // ---- Fraud

  async checkChannelReuse(tenantId: string, channelType: FingerprintType, fingerprintHash: string): Promise<r.ChannelReuse> {
    return ops.checkChannelReuse(this.transport, { tenantId, channelType, fingerprintHash });
  }

  async registerChannelFingerprint(
    tenantId: string,
    channelType: FingerprintType,
    fingerprintHash: string,
  ): Promise<r.ChannelFingerprint> {
    const f = await ops.registerChannelFingerprint(this.transport, { tenantId, body: { channelType, fingerprintHash } });
    return dated("ChannelFingerprint", f);
  }

  async createFraudFlag(tenantId: string, flag: r.FraudFlagInsert): Promise<r.FraudFlag> {
    return dated("FraudFlag", await ops.createFraudFlag(this.transport, { tenantId, body: flag }));
  }

  async getFraudFlagsByTenant(tenantId: string): Promise<r.FraudFlag[]> {
    const rows = await this.all("getFraudFlagsByTenant", (after, limit) =>
      ops.getFraudFlagsByTenant(this.transport, { tenantId, after, limit }),
    );
    return datedAll("FraudFlag", rows);
  }

  async restrictTenantForFraud(tenantId: string): Promise<r.Tenant | undefined> {
    const t = await this.found(ops.restrictTenantForFraud(this.transport, { tenantId }));
    return t && dated("Tenant", t);
  }

  /** Resolves the flag as the calling platform user; one resolved already is a `SalesgateError` 409. */
  async resolveFraudFlag(tenantId: string, flagId: string): Promise<r.FraudFlag | undefined> {
    const f = await this.found(ops.resolveFraudFlag(this.transport, { tenantId, fraudFlagId: flagId }));
    return f && dated("FraudFlag", f);
  }

  // ---- Integration secrets

  async listIntegrationSecrets(filter: { scope?: "global" | "tenant"; tenantId?: string; keyName?: string } = {}): Promise<r.IntegrationSecret[]> {
    const rows = await this.all("listIntegrationSecrets", (after, limit) =>
      ops.listIntegrationSecrets(this.transport, { ...filter, after, limit }),
    );
    return datedAll("IntegrationSecret", rows);
  }

  async createIntegrationSecret(secret: r.IntegrationSecretCreate): Promise<r.IntegrationSecret> {
    return dated("IntegrationSecret", await ops.createIntegrationSecret(this.transport, { body: secret }));
  }

  async rotateIntegrationSecret(rotation: r.IntegrationSecretRotation): Promise<r.IntegrationSecret | undefined> {
    const s = await this.found(ops.rotateIntegrationSecret(this.transport, { body: rotation }));
    return s && dated("IntegrationSecret", s);
  }

  async revokeIntegrationSecret(revocation: r.IntegrationSecretRevocation): Promise<r.IntegrationSecret | undefined> {
    const s = await this.found(ops.revokeIntegrationSecret(this.transport, { body: revocation }));
    return s && dated("IntegrationSecret", s);
  }

  /** The secret in effect for `keyName` (the tenant's, else the global one) with its decrypted value; `undefined` when none. */
  async resolveIntegrationSecret(keyName: string, tenantId?: string): Promise<r.ResolvedIntegrationSecret | undefined> {
    const s = await this.found(ops.resolveIntegrationSecret(this.transport, tenantId === undefined ? { keyName } : { keyName, tenantId }));
    return s && dated("ResolvedIntegrationSecret", s);
  }

  // ---- Audit events

  /** Stores a batch (at most 500) in one statement; answers how many were stored. */
  async createAuditEvents(events: r.AuditEventInsert[]): Promise<number> {
    if (events.length === 0) {
      return 0;
    }
    return (await ops.createAuditEvents(this.transport, { body: events })).inserted;
  }

  async getAuditEventsByEntity(entityType: string, entityId: string, limit = 50): Promise<r.AuditEvent[]> {
    return datedAll("AuditEvent", (await ops.getAuditEventsByEntity(this.transport, { entityType, entityId, limit })).items);
  }

  async getAuditEventsByConversation(tenantId: string, conversationId: string, limit = 50): Promise<r.AuditEvent[]> {
    const page = await this.found(ops.getAuditEventsByConversation(this.transport, { tenantId, conversationId, limit }));
    return datedAll("AuditEvent", page?.items ?? []);
  }

  async getRecentAuditEvents(tenantId: string, limit = 100): Promise<r.AuditEvent[]> {
    return datedAll("AuditEvent", (await ops.getRecentAuditEvents(this.transport, { tenantId, limit })).items);
  }

  async getAllAuditEvents(limit = 1000): Promise<r.AuditEvent[]> {
    return datedAll("AuditEvent", (await ops.getAllAuditEvents(this.transport, { limit })).items);
  }

  // ---- Proxies

  async createProxy(proxy: r.ProxyInsert): Promise<r.Proxy> {
    return dated("Proxy", await ops.createProxy(this.transport, { body: proxy }));
  }

  async getProxies(status?: r.Proxy["status"]): Promise<r.Proxy[]> {
    const rows = await this.all("getProxies", (after, limit) => ops.getProxies(this.transport, { status, after, limit }));
    return datedAll("Proxy", rows);
  }

  async getProxyStats(): Promise<r.ProxyStats> {
    return ops.getProxyStats(this.transport);
  }

  /** Assigns an available proxy (of the protocol and country asked for) to the channel; `undefined` when none is available. */
  async assignProxy(tenantId: string, channelId: string, request: r.ProxyRequest = {}): Promise<r.Proxy | undefined> {
    const p = await this.found(ops.assignProxy(this.transport, { tenantId, channelId, body: request }));
    return p && dated("Proxy", p);
  }

  async releaseProxy(tenantId: string, channelId: string): Promise<void> {
    await this.found(ops.releaseProxy(this.transport, { tenantId, channelId }));
  }

  async markProxyFailed(proxyId: string, error?: string | null): Promise<r.Proxy | undefined> {
    const p = await this.found(ops.markProxyFailed(this.transport, { proxyId, body: error === undefined ? {} : { error } }));
    return p && dated("Proxy", p);
  }

  // ---- Customer data deletion

  /** Deletes the customer and all its data in one transaction; a customer that is not the tenant's is a `SalesgateError` 404 (the old TENANT_MISMATCH). */
  async deleteCustomerData(tenantId: string, customerId: string): Promise<r.CustomerDataDeletion> {
    return ops.deleteCustomerData(this.transport, { tenantId, customerId });
  }

  // ---- Sessions (connect-pg-simple's store; service only)

  async getSession(sid: string): Promise<r.Session | undefined> {
    const s = await this.found(ops.getSession(this.transport, { sessionId: sid }));
    return s && dated("Session", s);
  }

  async setSession(sid: string, sess: Record<string, unknown>, expire: Date): Promise<r.Session> {
    return dated("Session", await ops.setSession(this.transport, { sessionId: sid, body: { sess, expire: expire.toISOString() } }));
  }

  async touchSession(sid: string, expire: Date, sess?: Record<string, unknown>): Promise<r.Session | undefined> {
    const b: ops.SessionPatchForSid = sess === undefined ? { expire: expire.toISOString() } : { expire: expire.toISOString(), sess };
    const s = await this.found(ops.touchSession(this.transport, { sessionId: sid, body: b }));
    return s && dated("Session", s);
  }

  async destroySession(sid: string): Promise<boolean> {
    return this.done(ops.destroySession(this.transport, { sessionId: sid }));
  }

  async pruneExpiredSessions(): Promise<number> {
    return (await ops.pruneExpiredSessions(this.transport)).count;
  }

  // ---- Beyond the old layer: the chat-flow hot path, a tenant's users, similarity search

  /** A customer's message from a messenger: customer, conversation and message in one transaction. */
  async receiveInboundMessage(tenantId: string, message: r.InboundMessage): Promise<r.InboundMessageResult> {
    return ops.receiveInboundMessage(this.transport, { tenantId, body: message });
  }

  async getUsersByTenant(tenantId: string): Promise<r.User[]> {
    const rows = await this.all("getUsersByTenant", (after, limit) => ops.getUsersByTenant(this.transport, { tenantId, after, limit }));
    return datedAll("User", rows);
  }

  async getTenantUser(tenantId: string, userId: string): Promise<r.User | undefined> {
    const u = await this.found(ops.getTenantUser(this.transport, { tenantId, userId }));
    return u && dated("User", u);
  }

  /** The tenant's embedded chunks nearest to `embedding` (cosine), most similar first (instead of getAllRagChunksWithEmbedding and the app's own loop). */
  async searchRagChunks(tenantId: string, embedding: number[], limit?: number): Promise<r.RagChunkMatch[]> {
    const b: ops.RagChunkSearch = limit === undefined ? { embedding } : { embedding, limit };
    return (await ops.searchRagChunks(this.transport, { tenantId, body: b })).items;
  }
}

/** A feature flag's name. */
export type FlagName = Parameters<typeof ops.setGlobalFeatureFlag>[1]["flagName"];
/** A channel type of fingerprints. */
export type FingerprintType = r.ChannelFingerprint["channelType"];

/** getBillingStatus' answer, its timestamps as `Date`s. */
export interface BillingStatus extends Omit<r.BillingStatus, "currentPeriodEnd" | "trialEndsAt" | "grantEndsAt"> {
  currentPeriodEnd?: Date;
  trialEndsAt?: Date;
  grantEndsAt?: Date;
}
