/**
 * The old system's data layer, `IStorage` (storage-api.md: 165 methods), as salesgate serves it:
 * the same names, argument orders and return conventions — timestamps as `Date`, "not found"
 * as `undefined` (or `null` where the old method answered `null`), `boolean` for deletes,
 * numbers for counts, `void` where it returned nothing, whole lists where it returned whole
 * lists. `SalesgateStorage` implements it.
 */

import type * as r from "./rows.js";

/** The bookkeeping members an old patch may carry along (a whole row spread into a patch); they are never sent. */
type Bookkeeping = { id?: string; tenantId?: string | null; createdAt?: Date | string | null; updatedAt?: Date | string | null };

// ---- The old insert and patch types (schema.md §13): the wire bodies plus the members the path takes.

export type InsertTenant = r.TenantInsert;
export type InsertChannel = r.ChannelInsert & { tenantId: string };
export type InsertUser = r.UserInsert & { tenantId: string };
export type InsertUserInvite = r.UserInviteInsert & { tenantId: string };
export type InsertEmailToken = r.EmailTokenInsert;
export type InsertCustomer = r.CustomerInsert & { tenantId: string };
export type UpdateCustomer = r.CustomerPatch;
export type InsertCustomerNote = r.CustomerNoteInsertForCustomer & { tenantId: string; customerId: string };
export type InsertCustomerMemory = r.CustomerMemoryInsertForCustomer & { tenantId: string; customerId: string };
/** `lastMessageAt` and `createdAt` are accepted and not sent: salesgate sets both (to now). */
export type InsertConversation = r.ConversationInsert & { tenantId: string; lastMessageAt?: Date; createdAt?: Date };
/** `createdAt` is accepted and not sent: salesgate stamps the message (now). */
export type InsertMessage = r.MessageInsertForConversation & { conversationId: string; createdAt?: Date };
export type InsertProduct = r.ProductInsert & { tenantId: string };
export type InsertKnowledgeDoc = r.KnowledgeDocInsert & { tenantId: string };
export type InsertAiSuggestion = r.AiSuggestionInsertForConversation & { conversationId: string };
export type InsertHumanAction = r.HumanActionInsertForSuggestion & { suggestionId: string };
export type InsertAiTrainingSample = r.AiTrainingSampleInsert & { tenantId: string };
export type InsertAiTrainingPolicy = r.AiTrainingPolicyInsert & { tenantId: string };
export type InsertLearningQueueItem = r.LearningQueueItemInsert & { tenantId: string };
export type InsertEscalationEvent = r.EscalationEventInsert;
export type InsertResponseTemplate = r.ResponseTemplateInsert & { tenantId: string };
export type InsertDecisionSettings = r.DecisionSettingsInsert & { tenantId: string };
export type InsertHumanDelaySettings = r.HumanDelaySettingsInsert & { tenantId: string };
export type InsertOnboardingState = r.OnboardingStateInsert & { tenantId: string };
export type InsertReadinessReport = r.ReadinessReportInsert & { tenantId: string };
export type InsertCsatRating = r.CsatRatingInsert & { tenantId: string };
export type InsertConversion = r.ConversionInsert & { tenantId: string };
export type InsertLostDeal = r.LostDealInsert & { tenantId: string };
export type InsertRagDocument = r.RagDocumentInsert & { tenantId: string };
export type InsertRagChunk = r.RagChunkInsertForRagDocument & { ragDocumentId: string };
export type InsertUpdateHistory = r.UpdateHistoryInsert;
export type InsertVehicleLookupCache = r.VehicleLookupCacheInsert;
export type InsertVehicleLookupCase = r.VehicleLookupCaseInsert & { tenantId: string };
/** `tenantId` null (or absent): a global snapshot, shared by every tenant. */
export type InsertPriceSnapshot = r.PriceSnapshotInsert & { tenantId?: string | null };
export type InsertInternalPrice = r.InternalPriceInsert & { tenantId: string };
export type InsertTelegramSession = r.TelegramSessionInsert & { tenantId: string };
export type InsertMessageTemplate = r.MessageTemplateInsert & { tenantId: string };
export type InsertPaymentMethod = r.PaymentMethodInsert & { tenantId: string };
export type InsertTenantAgentSettings = r.TenantAgentSettingsInsert;

/**
 * A patch: the fields to change (`undefined` ones are skipped, `null` ones cleared, as drizzle
 * did), of the fields salesgate lets a client change. The bookkeeping members of a row spread
 * into it (`id`, `tenantId`, `createdAt`, `updatedAt`) are accepted and never sent.
 */
export type Patch<T> = T & Bookkeeping;

export type UpdateStatus = r.UpdateHistory["status"];

/** A page of a conversation's messages (getMessagesByConversationPaginated). */
export interface MessagePage {
  messages: r.Message[];
  nextCursor: string | null;
}

export interface IStorage {
  // §1 Tenants
  getTenant(id: string): Promise<r.Tenant | undefined>;
  getDefaultTenant(): Promise<r.Tenant | undefined>;
  getTenantTemplates(tenantId: string): Promise<r.TenantTemplates>;
  createTenant(tenant: InsertTenant): Promise<r.Tenant>;
  updateTenant(id: string, data: Patch<r.TenantPatch>): Promise<r.Tenant | undefined>;
  // §2 Channels
  getChannel(id: string): Promise<r.Channel | undefined>;
  getChannelsByTenant(tenantId: string): Promise<r.Channel[]>;
  getChannelsByType(channelType: string): Promise<r.Channel[]>;
  createChannel(channel: InsertChannel): Promise<r.Channel>;
  updateChannel(id: string, data: Patch<r.ChannelPatch>): Promise<r.Channel | undefined>;
  // §3 Users
  getUser(id: string): Promise<r.User | undefined>;
  getUserByUsername(username: string): Promise<r.User | undefined>;
  getUserByEmail(email: string): Promise<r.User | undefined>;
  getUserByOidcId(oidcId: string): Promise<r.User | undefined>;
  createUser(user: InsertUser): Promise<r.User>;
  updateUserLoginAttempts(userId: string, attempts: number, lockedUntil: Date | null): Promise<void>;
  updateUserLoginSuccess(userId: string): Promise<void>;
  // §4 User invites
  getUserInviteByTokenHash(tokenHash: string): Promise<r.UserInvite | undefined>;
  getPendingInviteForEmail(tenantId: string, email: string): Promise<r.UserInvite | undefined>;
  createUserInvite(invite: InsertUserInvite): Promise<r.UserInvite>;
  markUserInviteUsed(inviteId: string): Promise<void>;
  // §5 Email tokens & password
  createEmailToken(token: InsertEmailToken): Promise<r.EmailToken>;
  getEmailTokenByHash(tokenHash: string): Promise<r.EmailToken | undefined>;
  markEmailTokenUsed(tokenId: string): Promise<void>;
  invalidateUserTokens(userId: string, type: string): Promise<void>;
  updateUserEmailVerified(userId: string): Promise<void>;
  updateUserPassword(userId: string, passwordHash: string): Promise<void>;
  // §6 Account linking
  linkOidcToUser(userId: string, oidcId: string): Promise<void>;
  // §7 Customers
  getCustomer(id: string): Promise<r.Customer | undefined>;
  getCustomersByTenant(tenantId: string): Promise<r.Customer[]>;
  searchCustomers(tenantId: string, query: string): Promise<r.Customer[]>;
  getCustomerByExternalId(tenantId: string, channel: string, externalId: string): Promise<r.Customer | undefined>;
  createCustomer(customer: InsertCustomer): Promise<r.Customer>;
  updateCustomer(id: string, data: UpdateCustomer): Promise<r.Customer | undefined>;
  // §8 Customer notes
  getCustomerNote(id: string): Promise<r.CustomerNote | undefined>;
  getCustomerNotes(customerId: string): Promise<r.CustomerNote[]>;
  createCustomerNote(note: InsertCustomerNote): Promise<r.CustomerNote>;
  deleteCustomerNote(id: string): Promise<boolean>;
  // §9 Customer memory
  getCustomerMemory(tenantId: string, customerId: string): Promise<r.CustomerMemory | undefined>;
  upsertCustomerMemory(data: InsertCustomerMemory): Promise<r.CustomerMemory>;
  incrementFrequentTopic(tenantId: string, customerId: string, intent: string): Promise<r.CustomerMemory>;
  updateCustomerPreferences(tenantId: string, customerId: string, preferences: Record<string, unknown>): Promise<r.CustomerMemory>;
  // §10 Conversations
  getConversation(id: string): Promise<r.Conversation | undefined>;
  getConversationWithCustomer(id: string): Promise<r.ConversationWithCustomer | undefined>;
  getConversationDetail(id: string): Promise<r.ConversationDetail | undefined>;
  getConversationsByTenant(tenantId: string): Promise<r.ConversationWithCustomer[]>;
  getActiveConversations(tenantId: string): Promise<r.ConversationWithCustomer[]>;
  getConversationChannelCounts(tenantId: string): Promise<r.ConversationChannelCounts>;
  createConversation(conversation: InsertConversation): Promise<r.Conversation>;
  updateConversation(id: string, data: Patch<r.ConversationPatch>): Promise<r.Conversation | undefined>;
  deleteConversation(id: string): Promise<boolean>;
  // §11 Messages
  getMessage(id: string): Promise<r.Message | undefined>;
  getMessagesByConversation(conversationId: string): Promise<r.Message[]>;
  getMessagesByConversationPaginated(conversationId: string, cursor?: string, limit?: number): Promise<MessagePage>;
  createMessage(message: InsertMessage): Promise<r.Message>;
  updateMessage(id: string, data: Patch<r.MessagePatch>): Promise<r.Message | undefined>;
  getMessagesBySuggestionId(suggestionId: string): Promise<r.Message[]>;
  // §12 Products
  getProduct(id: string): Promise<r.Product | undefined>;
  getProductsByTenant(tenantId: string): Promise<r.Product[]>;
  createProduct(product: InsertProduct): Promise<r.Product>;
  updateProduct(id: string, data: Patch<r.ProductPatch>): Promise<r.Product | undefined>;
  deleteProduct(id: string): Promise<boolean>;
  searchProducts(tenantId: string, query: string): Promise<r.Product[]>;
  // §13 Knowledge docs
  getKnowledgeDoc(id: string): Promise<r.KnowledgeDoc | undefined>;
  getKnowledgeDocsByTenant(tenantId: string): Promise<r.KnowledgeDoc[]>;
  createKnowledgeDoc(doc: InsertKnowledgeDoc): Promise<r.KnowledgeDoc>;
  updateKnowledgeDoc(id: string, data: Patch<r.KnowledgeDocPatch>): Promise<r.KnowledgeDoc | undefined>;
  deleteKnowledgeDoc(id: string): Promise<boolean>;
  searchKnowledgeDocs(tenantId: string, query: string): Promise<r.KnowledgeDoc[]>;
  // §14 AI suggestions
  getAiSuggestion(id: string): Promise<r.AiSuggestion | undefined>;
  getPendingSuggestionByConversation(conversationId: string): Promise<r.AiSuggestion | undefined>;
  getSuggestionsByConversation(conversationId: string): Promise<r.AiSuggestion[]>;
  getSuggestionsByTenant(tenantId: string): Promise<r.AiSuggestion[]>;
  createAiSuggestion(suggestion: InsertAiSuggestion): Promise<r.AiSuggestion>;
  updateAiSuggestion(id: string, data: Patch<r.AiSuggestionPatch>): Promise<r.AiSuggestion | undefined>;
  // §15 Human actions
  createHumanAction(action: InsertHumanAction): Promise<r.HumanAction>;
  // §16 AI training samples
  createAiTrainingSample(sample: InsertAiTrainingSample): Promise<r.AiTrainingSample>;
  getAiTrainingSamplesByTenant(tenantId: string, outcome?: string): Promise<r.AiTrainingSample[]>;
  getAiTrainingSamplesCount(tenantId: string): Promise<number>;
  // §17 AI training policies
  getAiTrainingPolicy(tenantId: string): Promise<r.AiTrainingPolicy | undefined>;
  upsertAiTrainingPolicy(policy: InsertAiTrainingPolicy): Promise<r.AiTrainingPolicy>;
  // §18 Learning queue
  createLearningQueueItem(item: InsertLearningQueueItem): Promise<r.LearningQueueItem>;
  getLearningQueueByTenant(tenantId: string, minScore?: number): Promise<r.LearningQueueItem[]>;
  getLearningQueueItem(conversationId: string): Promise<r.LearningQueueItem | undefined>;
  updateLearningQueueItem(id: string, data: Patch<r.LearningQueueItemPatch>): Promise<r.LearningQueueItem | undefined>;
  upsertLearningQueueItem(item: InsertLearningQueueItem): Promise<r.LearningQueueItem>;
  // §19 Escalation events
  getEscalationEvent(id: string): Promise<r.EscalationEvent | undefined>;
  getEscalationsByTenant(tenantId: string): Promise<r.EscalationEvent[]>;
  getRecentEscalations(tenantId: string, limit: number): Promise<r.EscalationEvent[]>;
  createEscalationEvent(event: InsertEscalationEvent): Promise<r.EscalationEvent>;
  updateEscalationEvent(id: string, data: Patch<r.EscalationEventPatch>): Promise<r.EscalationEvent | undefined>;
  // §20 Response templates
  getTemplatesByTenant(tenantId: string): Promise<r.ResponseTemplate[]>;
  createTemplate(template: InsertResponseTemplate): Promise<r.ResponseTemplate>;
  // §21 Dashboard
  getDashboardMetrics(tenantId: string): Promise<r.DashboardMetrics>;
  // §22 Per-tenant settings
  getDecisionSettings(tenantId: string): Promise<r.DecisionSettings | undefined>;
  upsertDecisionSettings(settings: InsertDecisionSettings): Promise<r.DecisionSettings>;
  getHumanDelaySettings(tenantId: string): Promise<r.HumanDelaySettings | undefined>;
  upsertHumanDelaySettings(settings: InsertHumanDelaySettings): Promise<r.HumanDelaySettings>;
  getOnboardingState(tenantId: string): Promise<r.OnboardingState | undefined>;
  upsertOnboardingState(state: InsertOnboardingState): Promise<r.OnboardingState>;
  // §23 Readiness reports
  createReadinessReport(report: InsertReadinessReport): Promise<r.ReadinessReport>;
  getLatestReadinessReport(tenantId: string): Promise<r.ReadinessReport | undefined>;
  // §24 CSAT, conversions, lost deals
  createCsatRating(rating: InsertCsatRating): Promise<r.CsatRating>;
  getCsatRatingByConversation(conversationId: string): Promise<r.CsatRating | undefined>;
  getCsatRatingsByTenant(tenantId: string): Promise<r.CsatRating[]>;
  createConversion(conversion: InsertConversion): Promise<r.Conversion>;
  getConversionByConversation(conversationId: string): Promise<r.Conversion | undefined>;
  getConversionsByTenant(tenantId: string): Promise<r.Conversion[]>;
  createLostDeal(lostDeal: InsertLostDeal): Promise<r.LostDeal>;
  getLostDealByConversation(conversationId: string): Promise<r.LostDeal | undefined>;
  getLostDealsByTenant(tenantId: string): Promise<r.LostDeal[]>;
  // §25 Metrics
  getCustomersCount(tenantId: string): Promise<number>;
  getCustomerNotesCount(tenantId: string): Promise<number>;
  getCustomerMemoryCount(tenantId: string): Promise<number>;
  // §26 RAG
  createRagDocument(doc: InsertRagDocument): Promise<r.RagDocument>;
  createRagChunk(chunk: InsertRagChunk): Promise<r.RagChunk>;
  deleteRagBySource(tenantId: string, sourceType: "PRODUCT" | "DOC", sourceId: string): Promise<{ deletedDocs: number }>;
  updateRagChunkEmbedding(chunkId: string, embedding: number[]): Promise<boolean>;
  getRagChunksBySource(
    tenantId: string,
    sourceType: "PRODUCT" | "DOC",
    sourceId: string,
  ): Promise<Array<{ id: string; chunkText: string; embedding: number[] | null }>>;
  getRagChunksWithoutEmbedding(tenantId: string, limit?: number): Promise<Array<{ id: string; chunkText: string }>>;
  getRagChunksWithStaleHash(
    tenantId: string,
    limit?: number,
  ): Promise<Array<{ id: string; chunkText: string; storedHash: string | null; currentHash: string }>>;
  invalidateStaleEmbeddings(tenantId: string): Promise<{ invalidated: number }>;
  getAllRagChunksWithEmbedding(
    tenantId: string,
  ): Promise<Array<{ id: string; chunkText: string; chunkIndex: number; embedding: string | null; metadata: unknown }>>;
  // §27 Update history
  getUpdateHistory(): Promise<r.UpdateHistory[]>;
  getUpdateById(id: string): Promise<r.UpdateHistory | undefined>;
  createUpdate(update: InsertUpdateHistory): Promise<r.UpdateHistory>;
  updateUpdateStatus(id: string, status: UpdateStatus, errorMessage?: string): Promise<r.UpdateHistory | undefined>;
  setUpdateBackupPath(id: string, backupPath: string): Promise<r.UpdateHistory | undefined>;
  getCurrentVersion(): Promise<string>;
  // §28 Vehicle lookup
  getVehicleLookupCacheByKey(lookupKey: string): Promise<r.VehicleLookupCache | undefined>;
  upsertVehicleLookupCache(data: InsertVehicleLookupCache): Promise<r.VehicleLookupCache>;
  linkCaseToCache(caseId: string, cacheId: string): Promise<void>;
  createVehicleLookupCase(data: InsertVehicleLookupCase): Promise<r.VehicleLookupCase>;
  getVehicleLookupCaseById(caseId: string): Promise<r.VehicleLookupCase | undefined>;
  getLatestVehicleLookupCaseByConversation(tenantId: string, conversationId: string): Promise<r.VehicleLookupCase | undefined>;
  findActiveVehicleLookupCase(
    tenantId: string,
    conversationId: string,
    normalizedValue: string,
  ): Promise<r.VehicleLookupCase | undefined>;
  updateVehicleLookupCaseStatus(
    caseId: string,
    patch: r.VehicleLookupCaseStatusUpdate,
  ): Promise<r.VehicleLookupCase | undefined>;
  // §29 Price snapshots & internal prices
  createPriceSnapshot(data: InsertPriceSnapshot): Promise<r.PriceSnapshot>;
  getGlobalPriceSnapshot(oem: string): Promise<r.PriceSnapshot | null>;
  getLatestPriceSnapshot(oem: string, maxAgeDays?: number): Promise<r.PriceSnapshot | undefined>;
  getPriceSnapshotsByOem(tenantId: string, oem: string, limit?: number): Promise<r.PriceSnapshot[]>;
  upsertInternalPrice(data: InsertInternalPrice): Promise<r.InternalPrice>;
  getInternalPricesByOem(tenantId: string, oem: string): Promise<r.InternalPrice[]>;
  // §30 Telegram accounts
  getTelegramAccountsByTenant(tenantId: string): Promise<r.TelegramSession[]>;
  getTelegramAccountById(id: string): Promise<r.TelegramSession | undefined>;
  getActiveTelegramAccounts(): Promise<r.TelegramSession[]>;
  createTelegramAccount(data: InsertTelegramSession): Promise<r.TelegramSession>;
  updateTelegramAccount(id: string, data: Patch<r.TelegramSessionPatch>): Promise<r.TelegramSession | undefined>;
  deleteTelegramAccount(id: string): Promise<boolean>;
  // §31 Message templates
  getMessageTemplatesByTenant(tenantId: string): Promise<r.MessageTemplate[]>;
  getActiveMessageTemplateByType(tenantId: string, type: string): Promise<r.MessageTemplate | undefined>;
  getMessageTemplate(id: string): Promise<r.MessageTemplate | undefined>;
  createMessageTemplate(data: InsertMessageTemplate): Promise<r.MessageTemplate>;
  updateMessageTemplate(id: string, data: Patch<r.MessageTemplatePatch>): Promise<r.MessageTemplate | undefined>;
  deleteMessageTemplate(id: string): Promise<boolean>;
  seedDefaultTemplates(tenantId: string): Promise<void>;
  // §32 Payment methods
  getPaymentMethodsByTenant(tenantId: string): Promise<r.PaymentMethod[]>;
  getActivePaymentMethods(tenantId: string): Promise<r.PaymentMethod[]>;
  getPaymentMethod(id: string): Promise<r.PaymentMethod | undefined>;
  createPaymentMethod(data: InsertPaymentMethod): Promise<r.PaymentMethod>;
  updatePaymentMethod(id: string, data: Patch<r.PaymentMethodPatch>): Promise<r.PaymentMethod | undefined>;
  deletePaymentMethod(id: string): Promise<boolean>;
  reorderPaymentMethods(tenantId: string, updates: Array<{ id: string; order: number }>): Promise<void>;
  // §33 Tenant agent settings
  getTenantAgentSettings(tenantId: string): Promise<r.TenantAgentSettings | null>;
  upsertTenantAgentSettings(tenantId: string, data: Patch<r.TenantAgentSettingsInsert>): Promise<r.TenantAgentSettings>;
}
