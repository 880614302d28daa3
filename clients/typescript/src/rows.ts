// Generated from salesgate's route table by `cargo run -p salesgate-clientgen`: do not edit.
// A test (crates/clientgen) fails when this file is out of date.
/* eslint-disable */

// The rows, bodies and answers of generated.ts as the IStorage layer (storage.ts) gives and
// takes them: timestamps are `Date` in rows and answers, `Date` or an ISO string in bodies.

export type { Attachment } from "./generated.js";
import type { Attachment } from "./generated.js";

/** A row of `tenants`: One row per business (store): language, tone, working hours, reply templates. */
export interface Tenant {
  id: string;
  name: string;
  language: string;
  tone: "formal" | "friendly";
  addressStyle: "vy" | "ty";
  currency: string;
  timezone: string;
  workingHoursStart: string | null;
  workingHoursEnd: string | null;
  workingDays: Array<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun"> | null;
  autoReplyOutsideHours: boolean | null;
  escalationEmail: string | null;
  escalationTelegram: string | null;
  allowDiscounts: boolean | null;
  maxDiscountPercent: number | null;
  status: "active" | "restricted";
  templates: Record<string, unknown> | null;
  createdAt: Date;
}

/** A row of `users`: Business users and platform staff; local password auth with optional OIDC link. */
export interface User {
  id: string;
  tenantId: string | null;
  username: string;
  /** Only in answers to the service role. */
  password?: string;
  role: "owner" | "admin" | "operator" | "viewer" | "guest";
  email: string | null;
  emailVerifiedAt: Date | null;
  authProvider: "local" | "oidc" | "mixed" | null;
  oidcId: string | null;
  passwordUpdatedAt: Date | null;
  lastLoginAt: Date | null;
  failedLoginAttempts: number | null;
  lockedUntil: Date | null;
  isPlatformAdmin: boolean;
  isPlatformOwner: boolean;
  isDisabled: boolean;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
}

/** A row of `user_invites`: Team-member invitations; only the SHA-256 hash of the invite token is stored. */
export interface UserInvite {
  id: string;
  tenantId: string;
  email: string;
  role: "owner" | "admin" | "operator" | "viewer" | "guest";
  /** Only in answers to the service role. */
  tokenHash?: string;
  invitedBy: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

/** A row of `email_tokens`: Single-use e-mail verification and password-reset tokens (hash only). */
export interface EmailToken {
  id: string;
  userId: string;
  /** Only in answers to the service role. */
  tokenHash?: string;
  type: "email_verification" | "password_reset";
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

/** A row of `channels`: Per-tenant messenger channel configurations. */
export interface Channel {
  id: string;
  tenantId: string;
  type: "mock" | "telegram" | "telegram_personal" | "whatsapp" | "whatsapp_personal" | "max" | "max_personal";
  name: string;
  /** Only in answers to owner, admin, platform roles and service. */
  config?: Record<string, unknown> | null;
  isActive: boolean | null;
  createdAt: Date;
}

/** A row of `customers`: End users who write to the business through a channel. */
export interface Customer {
  id: string;
  tenantId: string;
  channelId: string | null;
  channel: "mock" | "telegram" | "telegram_personal" | "whatsapp" | "whatsapp_personal" | "max" | "max_personal" | null;
  externalId: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  tags: string[] | null;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A row of `customer_notes`: Operator notes attached to a customer. */
export interface CustomerNote {
  id: string;
  tenantId: string;
  customerId: string;
  authorUserId: string | null;
  noteText: string;
  createdAt: Date;
}

/** A row of `customer_memory`: Long-term AI memory per customer: preferences, topic counters, last summary. */
export interface CustomerMemory {
  id: string;
  tenantId: string;
  customerId: string;
  preferences: Record<string, unknown> | null;
  frequentTopics: Record<string, unknown> | null;
  lastSummaryText: string | null;
  updatedAt: Date;
}

/** A row of `conversations`: A dialog thread between one customer and the tenant. */
export interface Conversation {
  id: string;
  tenantId: string;
  customerId: string;
  channelId: string | null;
  status: "active" | "waiting_customer" | "waiting_operator" | "escalated" | "resolved";
  mode: "learning" | "semi-auto" | "auto";
  lastMessageAt: Date | null;
  unreadCount: number | null;
  createdAt: Date;
}

/** A row of `messages`: Individual messages in a conversation. */
export interface Message {
  id: string;
  conversationId: string;
  role: "customer" | "assistant" | "owner";
  content: string;
  attachments: Attachment[] | null;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
}

/** A row of `escalation_events`: Hand-offs of a conversation to a human, with an AI-prepared summary. */
export interface EscalationEvent {
  id: string;
  conversationId: string;
  reason: string;
  summary: string | null;
  suggestedResponse: string | null;
  clarificationNeeded: string | null;
  status: "pending" | "handled" | "dismissed" | null;
  handledBy: string | null;
  handledAt: Date | null;
  createdAt: Date;
}

/** A row of `ai_suggestions`: AI-drafted replies with decision-engine scoring. */
export interface AiSuggestion {
  id: string;
  conversationId: string;
  messageId: string | null;
  suggestedReply: string;
  intent: "price" | "availability" | "shipping" | "return" | "discount" | "complaint" | "other" | "photo_request" | "price_objection" | "ready_to_buy" | "needs_manual_quote" | "invalid_vin" | "marking_provided" | "payment_blocked" | "warranty_question" | "want_visit" | "what_included" | "mileage_preference" | "vehicle_id_request" | "gearbox_tag_request" | "gearbox_tag_retry" | null;
  confidence: number | null;
  needsApproval: boolean | null;
  needsHandoff: boolean | null;
  questionsToAsk: string[] | null;
  usedSources: unknown;
  status: "pending" | "approved" | "edited" | "rejected" | null;
  createdAt: Date;
  similarityScore: number | null;
  intentScore: number | null;
  selfCheckScore: number | null;
  decision: "AUTO_SEND" | "NEED_APPROVAL" | "ESCALATE" | null;
  explanations: string[] | null;
  penalties: unknown;
  sourceConflicts: boolean | null;
  missingFields: string[] | null;
  autosendEligible: boolean | null;
  autosendBlockReason: "FLAG_OFF" | "SETTING_OFF" | "INTENT_NOT_ALLOWED" | null;
  selfCheckNeedHandoff: boolean | null;
  selfCheckReasons: string[] | null;
}

/** A row of `human_actions`: Operator action taken on a suggestion. */
export interface HumanAction {
  id: string;
  suggestionId: string;
  userId: string | null;
  action: "approve" | "edit" | "reject" | "escalate";
  originalText: string | null;
  editedText: string | null;
  reason: string | null;
  createdAt: Date;
}

/** A row of `ai_training_samples`: Dataset rows (question, AI draft, final answer, outcome) for few-shot learning. */
export interface AiTrainingSample {
  id: string;
  tenantId: string;
  conversationId: string;
  userMessage: string;
  aiSuggestion: string;
  finalAnswer: string | null;
  intent: "price" | "availability" | "shipping" | "return" | "discount" | "complaint" | "other" | "photo_request" | "price_objection" | "ready_to_buy" | "needs_manual_quote" | "invalid_vin" | "marking_provided" | "payment_blocked" | "warranty_question" | "want_visit" | "what_included" | "mileage_preference" | "vehicle_id_request" | "gearbox_tag_request" | "gearbox_tag_retry" | null;
  decision: "AUTO_SEND" | "NEED_APPROVAL" | "ESCALATE" | null;
  outcome: "APPROVED" | "EDITED" | "REJECTED";
  rejectionReason: string | null;
  createdAt: Date;
}

/** A row of `ai_training_policies`: Per-tenant learning configuration (one row per tenant). */
export interface AiTrainingPolicy {
  tenantId: string;
  alwaysEscalateIntents: string[] | null;
  forbiddenTopics: string[] | null;
  disabledLearningIntents: string[] | null;
  updatedAt: Date;
}

/** A row of `learning_queue`: Conversations flagged for human review to improve training data. */
export interface LearningQueueItem {
  id: string;
  tenantId: string;
  conversationId: string;
  learningScore: number;
  reasons: Array<"ESCALATED" | "EDITED" | "LOW_SIMILARITY" | "STALE_DATA" | "LONG_CONVERSATION" | "MULTIPLE_REJECTIONS"> | null;
  status: "pending" | "reviewed" | "exported" | "dismissed";
  reviewedBy: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
}

/** A row of `response_templates`: Operator quick-reply templates (legacy; distinct from message_templates). */
export interface ResponseTemplate {
  id: string;
  tenantId: string;
  name: string;
  content: string;
  category: string | null;
  triggers: string[] | null;
  isActive: boolean | null;
  usageCount: number | null;
  createdAt: Date;
}

/** A row of `decision_settings`: Per-tenant decision-engine thresholds. */
export interface DecisionSettings {
  tenantId: string;
  tAuto: number;
  tEscalate: number;
  autosendAllowed: boolean;
  intentsAutosendAllowed: string[] | null;
  intentsForceHandoff: string[] | null;
  updatedAt: Date;
}

/** A row of `human_delay_settings`: Per-tenant human-like reply delay configuration. */
export interface HumanDelaySettings {
  tenantId: string;
  enabled: boolean;
  delayProfiles: Record<string, unknown> | null;
  nightMode: "AUTO_REPLY" | "DELAY" | "DISABLE";
  nightDelayMultiplier: number;
  nightAutoReplyText: string | null;
  minDelayMs: number;
  maxDelayMs: number;
  typingIndicatorEnabled: boolean;
  updatedAt: Date;
}

/** A row of `products`: Tenant product catalog. */
export interface Product {
  id: string;
  tenantId: string;
  sku: string | null;
  name: string;
  description: string | null;
  price: number | null;
  currency: string | null;
  category: string | null;
  inStock: boolean | null;
  stockQuantity: number | null;
  variants: unknown;
  images: string[] | null;
  deliveryInfo: string | null;
  createdAt: Date;
}

/** A row of `knowledge_docs`: Knowledge-base documents (policies, FAQ, delivery, returns). */
export interface KnowledgeDoc {
  id: string;
  tenantId: string;
  title: string;
  content: string;
  category: string | null;
  docType: "policy" | "faq" | "delivery" | "returns" | null;
  tags: string[] | null;
  isActive: boolean | null;
  createdAt: Date;
}

/** A row of `knowledge_doc_chunks`: Chunked segments of knowledge docs. */
export interface KnowledgeDocChunk {
  id: string;
  docId: string;
  tenantId: string;
  chunkIndex: number;
  content: string;
  tokenCount: number;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
}

/** A row of `rag_documents`: Unified retrieval index entry for a product or a knowledge doc. */
export interface RagDocument {
  id: string;
  tenantId: string;
  type: "PRODUCT" | "DOC";
  sourceId: string;
  content: string;
  metadata: Record<string, unknown> | null;
  updatedAt: Date;
  createdAt: Date;
}

/** A row of `rag_chunks`: Chunks of RAG documents with optional embeddings (JSON text, not pgvector). */
export interface RagChunk {
  id: string;
  ragDocumentId: string;
  chunkText: string;
  chunkIndex: number;
  tokenCount: number;
  embedding: string | null;
  metadata: Record<string, unknown> | null;
  updatedAt: Date;
  createdAt: Date;
}

/** A row of `onboarding_state`: Per-tenant onboarding wizard progress. */
export interface OnboardingState {
  tenantId: string;
  status: "NOT_STARTED" | "IN_PROGRESS" | "DONE";
  currentStep: "BUSINESS" | "CHANNELS" | "PRODUCTS" | "POLICIES" | "KB" | "REVIEW" | "DONE";
  completedSteps: Array<"BUSINESS" | "CHANNELS" | "PRODUCTS" | "POLICIES" | "KB" | "REVIEW" | "DONE"> | null;
  answers: Record<string, unknown> | null;
  updatedAt: Date;
}

/** A row of `readiness_reports`: Snapshots of the tenant's ready-for-auto-send check. */
export interface ReadinessReport {
  id: string;
  tenantId: string;
  score: number;
  checks: unknown;
  recommendations: string[] | null;
  createdAt: Date;
}

/** A row of `csat_ratings`: Customer satisfaction rating (one per conversation). */
export interface CsatRating {
  id: string;
  tenantId: string;
  conversationId: string;
  rating: number;
  comment: string | null;
  intent: "price" | "availability" | "shipping" | "return" | "discount" | "complaint" | "other" | "photo_request" | "price_objection" | "ready_to_buy" | "needs_manual_quote" | "invalid_vin" | "marking_provided" | "payment_blocked" | "warranty_question" | "want_visit" | "what_included" | "mileage_preference" | "vehicle_id_request" | "gearbox_tag_request" | "gearbox_tag_retry" | null;
  decision: "AUTO_SEND" | "NEED_APPROVAL" | "ESCALATE" | null;
  createdAt: Date;
}

/** A row of `conversions`: Purchase recorded for a conversation (one per conversation). */
export interface Conversion {
  id: string;
  tenantId: string;
  conversationId: string;
  amount: number;
  currency: string;
  intent: "price" | "availability" | "shipping" | "return" | "discount" | "complaint" | "other" | "photo_request" | "price_objection" | "ready_to_buy" | "needs_manual_quote" | "invalid_vin" | "marking_provided" | "payment_blocked" | "warranty_question" | "want_visit" | "what_included" | "mileage_preference" | "vehicle_id_request" | "gearbox_tag_request" | "gearbox_tag_retry" | null;
  decision: "AUTO_SEND" | "NEED_APPROVAL" | "ESCALATE" | null;
  createdAt: Date;
}

/** A row of `lost_deals`: Where and why a customer was lost. */
export interface LostDeal {
  id: string;
  tenantId: string;
  conversationId: string;
  reason: "NO_STOCK" | "PRICE_TOO_HIGH" | "ESCALATED_NO_RESPONSE" | "AI_ERROR" | "OTHER";
  detectedAutomatically: boolean | null;
  notes: string | null;
  createdAt: Date;
}

/** A row of `plans`: Subscription plans. */
export interface Plan {
  id: string;
  name: string;
  stripePriceId: string | null;
  stripeProductId: string | null;
  amount: number;
  currency: string;
  cryptoAmount: string | null;
  cryptoAsset: string | null;
  interval: "month" | "year";
  isActive: boolean | null;
  createdAt: Date;
}

/** A row of `subscriptions`: One subscription row per tenant. */
export interface Subscription {
  id: string;
  tenantId: string;
  planId: string | null;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  cryptoInvoiceId: string | null;
  paymentProvider: "stripe" | "cryptobot" | null;
  status: "trialing" | "active" | "past_due" | "canceled" | "unpaid" | "incomplete" | "paused" | "expired";
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean | null;
  canceledAt: Date | null;
  trialStartedAt: Date | null;
  trialEndsAt: Date | null;
  trialEnd: Date | null;
  hadTrial: boolean | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A row of `subscription_grants`: Manual free-access grants by platform admins. */
export interface SubscriptionGrant {
  id: string;
  tenantId: string;
  startsAt: Date;
  endsAt: Date;
  grantedByUserId: string;
  reason: string;
  revokedAt: Date | null;
  revokedByUserId: string | null;
  revokedReason: string | null;
  createdAt: Date;
}

/** A row of `vehicle_lookup_cache`: Cache of VIN/FRAME decoding results, shared across tenants. */
export interface VehicleLookupCache {
  id: string;
  lookupKey: string;
  idType: "VIN" | "FRAME";
  rawValue: string;
  normalizedValue: string;
  result: unknown;
  source: string;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date | null;
}

/** A row of `vehicle_lookup_cases`: One VIN/FRAME lookup job per conversation request. */
export interface VehicleLookupCase {
  id: string;
  tenantId: string;
  conversationId: string;
  messageId: string | null;
  idType: "VIN" | "FRAME";
  rawValue: string;
  normalizedValue: string;
  status: "PENDING" | "RUNNING" | "COMPLETED" | "FAILED";
  verificationStatus: "NEED_TAG_OPTIONAL" | "UNVERIFIED_OEM" | "VERIFIED_MATCH" | "MISMATCH" | "NONE";
  cacheId: string | null;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A row of `price_snapshots`: Cached price-search results per OEM / search key; tenant_id NULL = global cache entry. */
export interface PriceSnapshot {
  id: string;
  tenantId: string | null;
  oem: string;
  source: string;
  currency: string;
  minPrice: number | null;
  maxPrice: number | null;
  avgPrice: number | null;
  marketMinPrice: number | null;
  marketMaxPrice: number | null;
  marketAvgPrice: number | null;
  salePrice: number | null;
  marginPct: number | null;
  priceNote: string | null;
  searchKey: string | null;
  modelName: string | null;
  manufacturer: string | null;
  origin: string | null;
  mileageMin: number | null;
  mileageMax: number | null;
  listingsCount: number | null;
  searchQuery: string | null;
  expiresAt: Date | null;
  raw: unknown;
  createdAt: Date;
}

/** A row of `internal_prices`: A tenant's own price list per OEM. */
export interface InternalPrice {
  id: string;
  tenantId: string;
  oem: string;
  price: number;
  currency: string;
  condition: string | null;
  supplier: string | null;
  updatedAt: Date;
}

/** A row of `message_templates`: Tenant-editable reply templates with {{variable}} placeholders. */
export interface MessageTemplate {
  id: string;
  tenantId: string;
  type: "price_result" | "price_options" | "payment_options" | "tag_request" | "not_found";
  name: string;
  content: string;
  isActive: boolean;
  order: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A row of `payment_methods`: Payment options a tenant offers, shown after price suggestions. */
export interface PaymentMethod {
  id: string;
  tenantId: string;
  title: string;
  description: string | null;
  isActive: boolean;
  order: number;
  createdAt: Date;
}

/** A row of `tenant_agent_settings`: Per-tenant AI sales-agent persona, facts and scripts (one row per tenant). */
export interface TenantAgentSettings {
  id: string;
  tenantId: string;
  companyName: string | null;
  specialization: string | null;
  warehouseCity: string | null;
  warrantyMonths: number | null;
  warrantyKm: number | null;
  installDays: number | null;
  qrDiscountPercent: number | null;
  systemPrompt: string | null;
  objectionPayment: string | null;
  objectionOnline: string | null;
  closingScript: string | null;
  customFacts: Record<string, unknown> | null;
  mileageLow: number | null;
  mileageMid: number | null;
  mileageHigh: number | null;
  updatedAt: Date;
}

/** A row of `telegram_sessions`: Telegram Personal (MTProto user-bot) accounts; several per tenant. */
export interface TelegramSession {
  id: string;
  tenantId: string;
  channelId: string | null;
  phoneNumber: string | null;
  /** Only in answers to the service role. */
  sessionString?: string | null;
  /** Only in answers to the service role. */
  phoneCodeHash?: string | null;
  status: "pending" | "awaiting_code" | "awaiting_2fa" | "active" | "error" | "disconnected";
  lastError: string | null;
  userId: string | null;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  authMethod: "qr" | "phone" | null;
  isEnabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A row of `max_personal_accounts`: MAX Personal accounts via GREEN-API, up to 5 per tenant, managed by platform admins. */
export interface MaxPersonalAccount {
  id: string;
  tenantId: string;
  accountId: string;
  idInstance: string;
  /** Only in answers to the service role. */
  apiTokenInstance?: string;
  label: string | null;
  displayName: string | null;
  status: string;
  webhookRegistered: boolean | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A row of `admin_actions`: Audit log of platform-admin actions (also the idempotency record). */
export interface AdminAction {
  id: string;
  actionType: "tenant_restrict" | "tenant_unrestrict" | "user_disable" | "user_enable" | "grant_create" | "grant_revoke" | "secret_create" | "secret_rotate" | "secret_revoke" | "user_login" | "user_logout" | "owner_access_denied" | "admin_promote" | "admin_demote" | "owner_bootstrap" | "impersonate_start" | "impersonate_end" | "admin_users_list" | "admin_user_view" | "admin_user_audit_view" | "admin_grant_create" | "update_upload" | "update_apply" | "update_rollback";
  targetType: "tenant" | "user" | "grant" | "secret";
  targetId: string;
  adminId: string;
  reason: string;
  previousState: unknown;
  metadata: unknown;
  createdAt: Date;
}

/** A row of `channel_fingerprints`: SHA-256 fingerprints of connected channel identities (trial-abuse detection). */
export interface ChannelFingerprint {
  id: string;
  channelType: "telegram" | "whatsapp_business" | "whatsapp_personal" | "max";
  fingerprintHash: string;
  tenantId: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  isBlocked: boolean | null;
}

/** A row of `fraud_flags`: Recorded fraud detections. */
export interface FraudFlag {
  id: string;
  tenantId: string;
  reason: "CHANNEL_REUSE" | "MULTI_TRIAL_ATTEMPT" | "SUSPICIOUS_ACTIVITY";
  metadata: Record<string, unknown> | null;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

/** A row of `integration_secrets`: Encrypted API keys (global or per tenant), managed by platform admins. */
export interface IntegrationSecret {
  id: string;
  scope: "global" | "tenant";
  tenantId: string | null;
  keyName: string;
  last4: string | null;
  createdAt: Date;
  updatedAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
  createdByAdminId: string;
}

/** A row of `feature_flags`: Feature flags: global defaults (tenant_id NULL) plus per-tenant overrides. */
export interface FeatureFlag {
  id: string;
  name: "AI_SUGGESTIONS_ENABLED" | "DECISION_ENGINE_ENABLED" | "AI_AUTOSEND_ENABLED" | "HUMAN_DELAY_ENABLED" | "RAG_ENABLED" | "FEW_SHOT_LEARNING" | "TELEGRAM_CHANNEL_ENABLED" | "TELEGRAM_PERSONAL_CHANNEL_ENABLED" | "WHATSAPP_CHANNEL_ENABLED" | "WHATSAPP_PERSONAL_CHANNEL_ENABLED" | "MAX_CHANNEL_ENABLED" | "MAX_PERSONAL_CHANNEL_ENABLED" | "AUTO_PARTS_ENABLED";
  description: string | null;
  enabled: boolean;
  tenantId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A row of `audit_events`: Fine-grained audit trail. */
export interface AuditEvent {
  id: string;
  tenantId: string | null;
  actor: string;
  actorType: "user" | "system" | "ai";
  action: string;
  entityType: string;
  entityId: string;
  metadata: unknown;
  requestId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: Date;
}

/** A row of `update_history`: Uploaded system-update packages and their application status. */
export interface UpdateHistory {
  id: string;
  version: string;
  filename: string;
  fileSize: number;
  checksum: string;
  changelog: string | null;
  status: "pending" | "applied" | "failed" | "rolled_back";
  backupPath: string | null;
  appliedAt: Date | null;
  appliedById: string | null;
  errorMessage: string | null;
  createdAt: Date;
}

/** A row of `proxies`: Outbound proxy pool assigned to channels. */
export interface Proxy {
  id: string;
  host: string;
  port: number;
  protocol: "http" | "https" | "socks4" | "socks5";
  username: string | null;
  /** Only in answers to the service role. */
  password?: string | null;
  country: string | null;
  label: string | null;
  status: "available" | "assigned" | "disabled" | "failed";
  assignedTenantId: string | null;
  assignedChannelId: string | null;
  lastCheckedAt: Date | null;
  lastErrorMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A row of `sessions`: express-session store of the old web app (connect-pg-simple). */
export interface Session {
  sid: string;
  /** Only in answers to the service role. */
  sess?: Record<string, unknown>;
  expire: Date;
}

/** A row of `auth_users`: Optional OIDC profile store (unused by the old server code). */
export interface AuthUser {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  profileImageUrl: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

/** The body of revokeGrant: Why the admin does it (recorded in the admin action) */
export interface AdminReason {
  reason: string;
}

/** The body of createAiSuggestion: AI-drafted replies with decision-engine scoring. */
export interface AiSuggestionInsertForConversation {
  messageId?: string | null;
  suggestedReply: string;
  intent?: "price" | "availability" | "shipping" | "return" | "discount" | "complaint" | "other" | "photo_request" | "price_objection" | "ready_to_buy" | "needs_manual_quote" | "invalid_vin" | "marking_provided" | "payment_blocked" | "warranty_question" | "want_visit" | "what_included" | "mileage_preference" | "vehicle_id_request" | "gearbox_tag_request" | "gearbox_tag_retry" | null;
  confidence?: number | null;
  needsApproval?: boolean | null;
  needsHandoff?: boolean | null;
  questionsToAsk?: string[] | null;
  usedSources?: unknown;
  status?: "pending" | "approved" | "edited" | "rejected" | null;
  similarityScore?: number | null;
  intentScore?: number | null;
  selfCheckScore?: number | null;
  decision?: "AUTO_SEND" | "NEED_APPROVAL" | "ESCALATE" | null;
  explanations?: string[] | null;
  penalties?: unknown;
  sourceConflicts?: boolean | null;
  missingFields?: string[] | null;
  autosendEligible?: boolean | null;
  autosendBlockReason?: "FLAG_OFF" | "SETTING_OFF" | "INTENT_NOT_ALLOWED" | null;
  selfCheckNeedHandoff?: boolean | null;
  selfCheckReasons?: string[] | null;
}

/** The body of updateAiSuggestion: AI-drafted replies with decision-engine scoring. */
export interface AiSuggestionPatch {
  suggestedReply?: string;
  intent?: "price" | "availability" | "shipping" | "return" | "discount" | "complaint" | "other" | "photo_request" | "price_objection" | "ready_to_buy" | "needs_manual_quote" | "invalid_vin" | "marking_provided" | "payment_blocked" | "warranty_question" | "want_visit" | "what_included" | "mileage_preference" | "vehicle_id_request" | "gearbox_tag_request" | "gearbox_tag_retry" | null;
  confidence?: number | null;
  needsApproval?: boolean | null;
  needsHandoff?: boolean | null;
  questionsToAsk?: string[] | null;
  usedSources?: unknown;
  status?: "pending" | "approved" | "edited" | "rejected" | null;
  similarityScore?: number | null;
  intentScore?: number | null;
  selfCheckScore?: number | null;
  decision?: "AUTO_SEND" | "NEED_APPROVAL" | "ESCALATE" | null;
  explanations?: string[] | null;
  penalties?: unknown;
  sourceConflicts?: boolean | null;
  missingFields?: string[] | null;
  autosendEligible?: boolean | null;
  autosendBlockReason?: "FLAG_OFF" | "SETTING_OFF" | "INTENT_NOT_ALLOWED" | null;
  selfCheckNeedHandoff?: boolean | null;
  selfCheckReasons?: string[] | null;
}

/** The body of upsertAiTrainingPolicy: Per-tenant learning configuration (one row per tenant). */
export interface AiTrainingPolicyInsert {
  alwaysEscalateIntents?: string[] | null;
  forbiddenTopics?: string[] | null;
  disabledLearningIntents?: string[] | null;
}

/** The body of createAiTrainingSample: Dataset rows (question, AI draft, final answer, outcome) for few-shot learning. */
export interface AiTrainingSampleInsert {
  conversationId: string;
  userMessage: string;
  aiSuggestion: string;
  finalAnswer?: string | null;
  intent?: "price" | "availability" | "shipping" | "return" | "discount" | "complaint" | "other" | "photo_request" | "price_objection" | "ready_to_buy" | "needs_manual_quote" | "invalid_vin" | "marking_provided" | "payment_blocked" | "warranty_question" | "want_visit" | "what_included" | "mileage_preference" | "vehicle_id_request" | "gearbox_tag_request" | "gearbox_tag_retry" | null;
  decision?: "AUTO_SEND" | "NEED_APPROVAL" | "ESCALATE" | null;
  outcome: "APPROVED" | "EDITED" | "REJECTED";
  rejectionReason?: string | null;
}

/** The body of createAuditEvents: An audit event; tenantId absent for the platform's own events */
export interface AuditEventInsert {
  tenantId?: string | null;
  actor: string;
  actorType: "user" | "system" | "ai";
  action: string;
  entityType: string;
  entityId: string;
  metadata?: unknown;
  requestId?: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** The body of registerChannelFingerprint: A connected channel identity: its type and the SHA-256 hex of its identifier */
export interface ChannelFingerprintRegistration {
  channelType: "telegram" | "whatsapp_business" | "whatsapp_personal" | "max";
  fingerprintHash: string;
}

/** The body of createChannel: Per-tenant messenger channel configurations. */
export interface ChannelInsert {
  type: "mock" | "telegram" | "telegram_personal" | "whatsapp" | "whatsapp_personal" | "max" | "max_personal";
  name: string;
  config?: Record<string, unknown> | null;
  isActive?: boolean | null;
}

/** The body of updateChannel: Per-tenant messenger channel configurations. */
export interface ChannelPatch {
  name?: string;
  config?: Record<string, unknown> | null;
  isActive?: boolean | null;
}

/** The body of createConversation: A dialog thread between one customer and the tenant. */
export interface ConversationInsert {
  customerId: string;
  channelId?: string | null;
  status?: "active" | "waiting_customer" | "waiting_operator" | "escalated" | "resolved";
  mode?: "learning" | "semi-auto" | "auto";
  unreadCount?: number | null;
}

/** The body of updateConversation: A dialog thread between one customer and the tenant. */
export interface ConversationPatch {
  status?: "active" | "waiting_customer" | "waiting_operator" | "escalated" | "resolved";
  mode?: "learning" | "semi-auto" | "auto";
  unreadCount?: number | null;
}

/** The body of createConversion: Purchase recorded for a conversation (one per conversation). */
export interface ConversionInsert {
  conversationId: string;
  amount: number;
  currency?: string;
  intent?: "price" | "availability" | "shipping" | "return" | "discount" | "complaint" | "other" | "photo_request" | "price_objection" | "ready_to_buy" | "needs_manual_quote" | "invalid_vin" | "marking_provided" | "payment_blocked" | "warranty_question" | "want_visit" | "what_included" | "mileage_preference" | "vehicle_id_request" | "gearbox_tag_request" | "gearbox_tag_retry" | null;
  decision?: "AUTO_SEND" | "NEED_APPROVAL" | "ESCALATE" | null;
}

/** The body of createCsatRating: Customer satisfaction rating (one per conversation). */
export interface CsatRatingInsert {
  conversationId: string;
  rating: number;
  comment?: string | null;
  intent?: "price" | "availability" | "shipping" | "return" | "discount" | "complaint" | "other" | "photo_request" | "price_objection" | "ready_to_buy" | "needs_manual_quote" | "invalid_vin" | "marking_provided" | "payment_blocked" | "warranty_question" | "want_visit" | "what_included" | "mileage_preference" | "vehicle_id_request" | "gearbox_tag_request" | "gearbox_tag_retry" | null;
  decision?: "AUTO_SEND" | "NEED_APPROVAL" | "ESCALATE" | null;
}

/** The body of createCustomer: End users who write to the business through a channel. */
export interface CustomerInsert {
  channelId?: string | null;
  channel?: "mock" | "telegram" | "telegram_personal" | "whatsapp" | "whatsapp_personal" | "max" | "max_personal" | null;
  externalId?: string | null;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  tags?: string[] | null;
  metadata?: Record<string, unknown> | null;
}

/** The body of upsertCustomerMemory: Long-term AI memory per customer: preferences, topic counters, last summary. */
export interface CustomerMemoryInsertForCustomer {
  preferences?: Record<string, unknown> | null;
  frequentTopics?: Record<string, unknown> | null;
  lastSummaryText?: string | null;
}

/** The body of createCustomerNote: Operator notes attached to a customer. */
export interface CustomerNoteInsertForCustomer {
  authorUserId?: string | null;
  noteText: string;
}

/** The body of updateCustomer: End users who write to the business through a channel. */
export interface CustomerPatch {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  tags?: string[] | null;
}

/** The body of updateCustomerPreferences: Preferences merged into the stored ones: each key given replaces that key, the others stay */
export interface CustomerPreferencesUpdate {
  preferences: Record<string, unknown>;
}

/** The body of upsertDecisionSettings: Per-tenant decision-engine thresholds. */
export interface DecisionSettingsInsert {
  tAuto?: number;
  tEscalate?: number;
  autosendAllowed?: boolean;
  intentsAutosendAllowed?: string[] | null;
  intentsForceHandoff?: string[] | null;
}

/** The body of createEmailToken: Single-use e-mail verification and password-reset tokens (hash only). */
export interface EmailTokenInsert {
  userId: string;
  tokenHash: string;
  type: "email_verification" | "password_reset";
  expiresAt: Date | string;
  usedAt?: Date | string | null;
}

/** The body of invalidateUserTokens: The type of the user's tokens to invalidate */
export interface EmailTokenType {
  type: "email_verification" | "password_reset";
}

/** The body of createEscalationEvent: Hand-offs of a conversation to a human, with an AI-prepared summary. */
export interface EscalationEventInsert {
  conversationId: string;
  reason: string;
  summary?: string | null;
  suggestedResponse?: string | null;
  clarificationNeeded?: string | null;
  status?: "pending" | "handled" | "dismissed" | null;
  handledBy?: string | null;
  handledAt?: Date | string | null;
}

/** The body of updateEscalationEvent: Hand-offs of a conversation to a human, with an AI-prepared summary. */
export interface EscalationEventPatch {
  reason?: string;
  summary?: string | null;
  suggestedResponse?: string | null;
  clarificationNeeded?: string | null;
  status?: "pending" | "handled" | "dismissed" | null;
  handledBy?: string | null;
  handledAt?: Date | string | null;
}

/** The body of setTenantFeatureFlag: Feature flags: global defaults (tenant_id NULL) plus per-tenant overrides. */
export interface FeatureFlagInsertForName {
  description?: string | null;
  enabled?: boolean;
}

/** The body of createFraudFlag: Recorded fraud detections. */
export interface FraudFlagInsert {
  reason: "CHANNEL_REUSE" | "MULTI_TRIAL_ATTEMPT" | "SUSPICIOUS_ACTIVITY";
  metadata?: Record<string, unknown> | null;
}

/** The body of incrementFrequentTopic: The intent whose counter in frequentTopics goes up by one */
export interface FrequentTopicIncrement {
  intent: string;
}

/** The body of createHumanAction: Operator action taken on a suggestion. */
export interface HumanActionInsertForSuggestion {
  userId?: string | null;
  action: "approve" | "edit" | "reject" | "escalate";
  originalText?: string | null;
  editedText?: string | null;
  reason?: string | null;
}

/** The body of upsertHumanDelaySettings: Per-tenant human-like reply delay configuration. */
export interface HumanDelaySettingsInsert {
  enabled?: boolean;
  delayProfiles?: Record<string, unknown> | null;
  nightMode?: "AUTO_REPLY" | "DELAY" | "DISABLE";
  nightDelayMultiplier?: number;
  nightAutoReplyText?: string | null;
  minDelayMs?: number;
  maxDelayMs?: number;
  typingIndicatorEnabled?: boolean;
}

/** The body of receiveInboundMessage: A customer's message as a messenger delivers it: finds or creates the customer and its active conversation, stores the message, bumps the conversation — in one transaction. */
export interface InboundMessage {
  channel: "mock" | "telegram" | "telegram_personal" | "whatsapp" | "whatsapp_personal" | "max" | "max_personal";
  externalId: string;
  name?: string | null;
  content: string;
  attachments?: Attachment[] | null;
  metadata?: Record<string, unknown> | null;
}

/** The body of createIntegrationSecret: A new secret: its scope (tenantId for scope tenant only), key name and value, and the reason recorded with the admin action */
export interface IntegrationSecretCreate {
  scope: "global" | "tenant";
  tenantId?: string | null;
  keyName: string;
  value: string;
  reason: string;
}

/** The body of revokeIntegrationSecret: The active secret of a scope, tenant and key name to revoke, and the reason */
export interface IntegrationSecretRevocation {
  scope: "global" | "tenant";
  tenantId?: string | null;
  keyName: string;
  reason: string;
}

/** The body of rotateIntegrationSecret: The active secret of a scope, tenant and key name, its new value, and the reason */
export interface IntegrationSecretRotation {
  scope: "global" | "tenant";
  tenantId?: string | null;
  keyName: string;
  value: string;
  reason: string;
}

/** The body of upsertInternalPrice: A tenant's own price list per OEM. */
export interface InternalPriceInsert {
  oem: string;
  price: number;
  currency?: string;
  condition?: string | null;
  supplier?: string | null;
}

/** The body of createKnowledgeDoc: Knowledge-base documents (policies, FAQ, delivery, returns). */
export interface KnowledgeDocInsert {
  title: string;
  content: string;
  category?: string | null;
  docType?: "policy" | "faq" | "delivery" | "returns" | null;
  tags?: string[] | null;
  isActive?: boolean | null;
}

/** The body of updateKnowledgeDoc: Knowledge-base documents (policies, FAQ, delivery, returns). */
export interface KnowledgeDocPatch {
  title?: string;
  content?: string;
  category?: string | null;
  docType?: "policy" | "faq" | "delivery" | "returns" | null;
  tags?: string[] | null;
  isActive?: boolean | null;
}

/** The body of createLearningQueueItem: Conversations flagged for human review to improve training data. */
export interface LearningQueueItemInsert {
  conversationId: string;
  learningScore?: number;
  reasons?: Array<"ESCALATED" | "EDITED" | "LOW_SIMILARITY" | "STALE_DATA" | "LONG_CONVERSATION" | "MULTIPLE_REJECTIONS"> | null;
  status?: "pending" | "reviewed" | "exported" | "dismissed";
  reviewedBy?: string | null;
}

/** The body of upsertLearningQueueItem: Conversations flagged for human review to improve training data. */
export interface LearningQueueItemInsertForConversation {
  learningScore?: number;
  reasons?: Array<"ESCALATED" | "EDITED" | "LOW_SIMILARITY" | "STALE_DATA" | "LONG_CONVERSATION" | "MULTIPLE_REJECTIONS"> | null;
  status?: "pending" | "reviewed" | "exported" | "dismissed";
  reviewedBy?: string | null;
}

/** The body of updateLearningQueueItem: Conversations flagged for human review to improve training data. */
export interface LearningQueueItemPatch {
  learningScore?: number;
  reasons?: Array<"ESCALATED" | "EDITED" | "LOW_SIMILARITY" | "STALE_DATA" | "LONG_CONVERSATION" | "MULTIPLE_REJECTIONS"> | null;
  status?: "pending" | "reviewed" | "exported" | "dismissed";
  reviewedBy?: string | null;
}

/** The body of updateUserLoginAttempts: A failed login: the counter goes up by one; when it reaches lockAfter, the user is locked for lockSeconds from now */
export interface LoginFailure {
  lockAfter: number;
  lockSeconds: number;
}

/** The body of createLostDeal: Where and why a customer was lost. */
export interface LostDealInsert {
  conversationId: string;
  reason: "NO_STOCK" | "PRICE_TOO_HIGH" | "ESCALATED_NO_RESPONSE" | "AI_ERROR" | "OTHER";
  detectedAutomatically?: boolean | null;
  notes?: string | null;
}

/** The body of createMaxPersonalAccount: MAX Personal accounts via GREEN-API, up to 5 per tenant, managed by platform admins. */
export interface MaxPersonalAccountInsert {
  idInstance: string;
  apiTokenInstance: string;
  label?: string | null;
  displayName?: string | null;
  webhookRegistered?: boolean | null;
}

/** The body of updateMaxPersonalAccountLabel: The account's admin label (null clears it) */
export interface MaxPersonalAccountLabel {
  label?: string | null;
}

/** The body of createMessage: Individual messages in a conversation. */
export interface MessageInsertForConversation {
  role: "customer" | "assistant" | "owner";
  content: string;
  attachments?: Attachment[] | null;
  metadata?: Record<string, unknown> | null;
}

/** The body of updateMessage: Individual messages in a conversation. */
export interface MessagePatch {
  content?: string;
  metadata?: Record<string, unknown> | null;
}

/** The body of createMessageTemplate: Tenant-editable reply templates with {{variable}} placeholders. */
export interface MessageTemplateInsert {
  type: "price_result" | "price_options" | "payment_options" | "tag_request" | "not_found";
  name: string;
  content: string;
  isActive?: boolean;
  order?: number;
}

/** The body of updateMessageTemplate: Tenant-editable reply templates with {{variable}} placeholders. */
export interface MessageTemplatePatch {
  type?: "price_result" | "price_options" | "payment_options" | "tag_request" | "not_found";
  name?: string;
  content?: string;
  isActive?: boolean;
  order?: number;
}

/** The body of updateUserPassword: The new password hash (hashed by the application) */
export interface NewPassword {
  passwordHash: string;
}

/** The body of linkOidcToUser: The OIDC subject to link; the user's authProvider becomes mixed */
export interface OidcLink {
  oidcId: string;
}

/** The body of upsertOnboardingState: Per-tenant onboarding wizard progress. */
export interface OnboardingStateInsert {
  status?: "NOT_STARTED" | "IN_PROGRESS" | "DONE";
  currentStep?: "BUSINESS" | "CHANNELS" | "PRODUCTS" | "POLICIES" | "KB" | "REVIEW" | "DONE";
  completedSteps?: Array<"BUSINESS" | "CHANNELS" | "PRODUCTS" | "POLICIES" | "KB" | "REVIEW" | "DONE"> | null;
  answers?: Record<string, unknown> | null;
}

/** The body of createPaymentMethod: Payment options a tenant offers, shown after price suggestions. */
export interface PaymentMethodInsert {
  title: string;
  description?: string | null;
  isActive?: boolean;
  order?: number;
}

/** The body of reorderPaymentMethods: The new position of one payment method of the tenant */
export interface PaymentMethodOrder {
  id: string;
  order: number;
}

/** The body of updatePaymentMethod: Payment options a tenant offers, shown after price suggestions. */
export interface PaymentMethodPatch {
  title?: string;
  description?: string | null;
  isActive?: boolean;
  order?: number;
}

/** The body of ensurePlanExists: The plan to create when there is no active plan (it is created active) */
export interface PlanToEnsure {
  name: string;
  stripePriceId?: string | null;
  stripeProductId?: string | null;
  amount: number;
  currency?: string | null;
  cryptoAmount?: string | null;
  cryptoAsset?: string | null;
  interval?: "month" | "year" | null;
}

/** The body of createPriceSnapshot: Cached price-search results per OEM / search key; tenant_id NULL = global cache entry. */
export interface PriceSnapshotInsert {
  oem: string;
  source: string;
  currency?: string;
  minPrice?: number | null;
  maxPrice?: number | null;
  avgPrice?: number | null;
  marketMinPrice?: number | null;
  marketMaxPrice?: number | null;
  marketAvgPrice?: number | null;
  salePrice?: number | null;
  marginPct?: number | null;
  priceNote?: string | null;
  searchKey?: string | null;
  modelName?: string | null;
  manufacturer?: string | null;
  origin?: string | null;
  mileageMin?: number | null;
  mileageMax?: number | null;
  listingsCount?: number | null;
  searchQuery?: string | null;
  expiresAt?: Date | string | null;
  raw?: unknown;
}

/** The body of createProduct: Tenant product catalog. */
export interface ProductInsert {
  sku?: string | null;
  name: string;
  description?: string | null;
  price?: number | null;
  currency?: string | null;
  category?: string | null;
  inStock?: boolean | null;
  stockQuantity?: number | null;
  variants?: unknown;
  images?: string[] | null;
  deliveryInfo?: string | null;
}

/** The body of updateProduct: Tenant product catalog. */
export interface ProductPatch {
  sku?: string | null;
  name?: string;
  description?: string | null;
  price?: number | null;
  currency?: string | null;
  category?: string | null;
  inStock?: boolean | null;
  stockQuantity?: number | null;
  variants?: unknown;
  images?: string[] | null;
  deliveryInfo?: string | null;
}

/** The body of markProxyFailed: Why the proxy failed */
export interface ProxyFailure {
  error?: string | null;
}

/** The body of createProxy: Outbound proxy pool assigned to channels. */
export interface ProxyInsert {
  host: string;
  port: number;
  protocol?: "http" | "https" | "socks4" | "socks5";
  username?: string | null;
  password?: string | null;
  country?: string | null;
  label?: string | null;
  status?: "available" | "assigned" | "disabled" | "failed";
  assignedTenantId?: string | null;
  assignedChannelId?: string | null;
  lastErrorMessage?: string | null;
}

/** The body of assignProxy: What the proxy to assign must be: of this protocol, in this country (each optional) */
export interface ProxyRequest {
  protocol?: "http" | "https" | "socks4" | "socks5" | null;
  country?: string | null;
}

/** The body of updateRagChunkEmbedding: A chunk's embedding (stored as JSON text of the array) */
export interface RagChunkEmbedding {
  embedding: number[];
}

/** The body of createRagChunk: Chunks of RAG documents with optional embeddings (JSON text, not pgvector). */
export interface RagChunkInsertForRagDocument {
  chunkText: string;
  chunkIndex: number;
  tokenCount: number;
  embedding?: string | null;
  metadata?: Record<string, unknown> | null;
}

/** The body of searchRagChunks: An embedding to compare the tenant's embedded chunks with, and how many of the nearest to answer */
export interface RagChunkSearch {
  embedding: number[];
  limit?: number | null;
}

/** The body of createRagDocument: Unified retrieval index entry for a product or a knowledge doc. */
export interface RagDocumentInsert {
  type: "PRODUCT" | "DOC";
  sourceId: string;
  content: string;
  metadata?: Record<string, unknown> | null;
}

/** The body of createReadinessReport: Snapshots of the tenant's ready-for-auto-send check. */
export interface ReadinessReportInsert {
  score?: number;
  checks?: unknown;
  recommendations?: string[] | null;
}

/** The body of createTemplate: Operator quick-reply templates (legacy; distinct from message_templates). */
export interface ResponseTemplateInsert {
  name: string;
  content: string;
  category?: string | null;
  triggers?: string[] | null;
  isActive?: boolean | null;
  usageCount?: number | null;
}

/** The body of setSession: express-session store of the old web app (connect-pg-simple). */
export interface SessionInsertForSid {
  sess: Record<string, unknown>;
  expire: Date | string;
}

/** The body of touchSession: express-session store of the old web app (connect-pg-simple). */
export interface SessionPatchForSid {
  sess?: Record<string, unknown>;
  expire?: Date | string;
}

/** The body of syncStripeSubscription: A Stripe subscription's state from a webhook event (metadata.tenantId is the path's tenant). stripeStatus is mapped: incomplete_expired → unpaid, an unknown status → incomplete */
export interface StripeSubscriptionSync {
  stripeStatus: string;
  stripeCustomerId?: string | null;
  stripeSubscriptionId?: string | null;
  planId?: string | null;
  currentPeriodStart?: Date | string | null;
  currentPeriodEnd?: Date | string | null;
  cancelAtPeriodEnd?: boolean | null;
  trialEnd?: Date | string | null;
}

/** The body of createGrant: Manual free-access grants by platform admins. */
export interface SubscriptionGrantInsert {
  startsAt: Date | string;
  endsAt: Date | string;
  reason: string;
}

/** The body of createInvoice: The CryptoBot invoice created for the tenant (and the plan it pays for) */
export interface SubscriptionInvoice {
  cryptoInvoiceId: string;
  planId?: string | null;
}

/** The body of createTelegramAccount: Telegram Personal (MTProto user-bot) accounts; several per tenant. */
export interface TelegramSessionInsert {
  channelId?: string | null;
  phoneNumber?: string | null;
  sessionString?: string | null;
  phoneCodeHash?: string | null;
  status?: "pending" | "awaiting_code" | "awaiting_2fa" | "active" | "error" | "disconnected";
  lastError?: string | null;
  userId?: string | null;
  username?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  authMethod?: "qr" | "phone" | null;
  isEnabled?: boolean;
}

/** The body of updateTelegramAccount: Telegram Personal (MTProto user-bot) accounts; several per tenant. */
export interface TelegramSessionPatch {
  channelId?: string | null;
  phoneNumber?: string | null;
  sessionString?: string | null;
  phoneCodeHash?: string | null;
  status?: "pending" | "awaiting_code" | "awaiting_2fa" | "active" | "error" | "disconnected";
  lastError?: string | null;
  userId?: string | null;
  username?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  authMethod?: "qr" | "phone" | null;
  isEnabled?: boolean;
}

/** The body of upsertTenantAgentSettings: Per-tenant AI sales-agent persona, facts and scripts (one row per tenant). */
export interface TenantAgentSettingsInsert {
  companyName?: string | null;
  specialization?: string | null;
  warehouseCity?: string | null;
  warrantyMonths?: number | null;
  warrantyKm?: number | null;
  installDays?: number | null;
  qrDiscountPercent?: number | null;
  systemPrompt?: string | null;
  objectionPayment?: string | null;
  objectionOnline?: string | null;
  closingScript?: string | null;
  customFacts?: Record<string, unknown> | null;
  mileageLow?: number | null;
  mileageMid?: number | null;
  mileageHigh?: number | null;
}

/** The body of createTenant: One row per business (store): language, tone, working hours, reply templates. */
export interface TenantInsert {
  name: string;
  language?: string;
  tone?: "formal" | "friendly";
  addressStyle?: "vy" | "ty";
  currency?: string;
  timezone?: string;
  workingHoursStart?: string | null;
  workingHoursEnd?: string | null;
  workingDays?: Array<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun"> | null;
  autoReplyOutsideHours?: boolean | null;
  escalationEmail?: string | null;
  escalationTelegram?: string | null;
  allowDiscounts?: boolean | null;
  maxDiscountPercent?: number | null;
  templates?: Record<string, unknown> | null;
}

/** The body of updateTenant: One row per business (store): language, tone, working hours, reply templates. */
export interface TenantPatch {
  name?: string;
  language?: string;
  tone?: "formal" | "friendly";
  addressStyle?: "vy" | "ty";
  currency?: string;
  timezone?: string;
  workingHoursStart?: string | null;
  workingHoursEnd?: string | null;
  workingDays?: Array<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun"> | null;
  autoReplyOutsideHours?: boolean | null;
  escalationEmail?: string | null;
  escalationTelegram?: string | null;
  allowDiscounts?: boolean | null;
  maxDiscountPercent?: number | null;
  templates?: Record<string, unknown> | null;
}

/** The body of setUpdateBackupPath: Where the backup taken before applying the update is */
export interface UpdateBackupPath {
  backupPath: string;
}

/** The body of createUpdate: Uploaded system-update packages and their application status. */
export interface UpdateHistoryInsert {
  version: string;
  filename: string;
  fileSize: number;
  checksum: string;
  changelog?: string | null;
  status?: "pending" | "applied" | "failed" | "rolled_back";
}

/** The body of updateUpdateStatus: The new status of an update, and the error of a failed one */
export interface UpdateStatusChange {
  status: "pending" | "applied" | "failed" | "rolled_back";
  errorMessage?: string;
}

/** The body of createUser: Business users and platform staff; local password auth with optional OIDC link. */
export interface UserInsert {
  username: string;
  password: string;
  role?: "owner" | "admin" | "operator" | "viewer" | "guest";
  email?: string | null;
  authProvider?: "local" | "oidc" | "mixed" | null;
  oidcId?: string | null;
}

/** The body of createUserInvite: Team-member invitations; only the SHA-256 hash of the invite token is stored. */
export interface UserInviteInsert {
  email: string;
  role?: "owner" | "admin" | "operator" | "viewer" | "guest";
  tokenHash: string;
  invitedBy?: string | null;
  expiresAt: Date | string;
}

/** The body of upsertVehicleLookupCache: Cache of VIN/FRAME decoding results, shared across tenants. */
export interface VehicleLookupCacheInsert {
  lookupKey: string;
  idType: "VIN" | "FRAME";
  rawValue: string;
  normalizedValue: string;
  result: unknown;
  source: string;
  expiresAt?: Date | string | null;
}

/** The body of createVehicleLookupCase: One VIN/FRAME lookup job per conversation request. */
export interface VehicleLookupCaseInsert {
  conversationId: string;
  messageId?: string | null;
  idType: "VIN" | "FRAME";
  rawValue: string;
  normalizedValue: string;
  status: "PENDING" | "RUNNING" | "COMPLETED" | "FAILED";
  verificationStatus: "NEED_TAG_OPTIONAL" | "UNVERIFIED_OEM" | "VERIFIED_MATCH" | "MISMATCH" | "NONE";
  cacheId?: string | null;
  error?: string | null;
}

/** The body of updateVehicleLookupCaseStatus: The state of a lookup case: only the fields given change (null clears error and cacheId) */
export interface VehicleLookupCaseStatusUpdate {
  status?: "PENDING" | "RUNNING" | "COMPLETED" | "FAILED";
  verificationStatus?: "NEED_TAG_OPTIONAL" | "UNVERIFIED_OEM" | "VERIFIED_MATCH" | "MISMATCH" | "NONE";
  error?: string | null;
  cacheId?: string | null;
}

/** Whether a grant gives the tenant free access now (started, not ended, not revoked) */
export interface ActiveGrant {
  /** A grant is in effect */
  hasGrant: boolean;
  /** When the latest-ending grant in effect ends (ISO 8601); absent without one */
  grantEndsAt?: string;
}

/** How many events the batch stored */
export interface AuditEventBatch {
  /** Events stored */
  inserted: number;
}

/** The tenant's subscription state and whether it may use the product now */
export interface BillingStatus {
  /** The tenant has a subscription row */
  hasSubscription: boolean;
  /** The subscription's status; active while a grant is in effect */
  status?: string;
  /** The subscription's plan, else the active plan */
  plan?: Plan;
  /** End of the paid period (ISO 8601) */
  currentPeriodEnd?: string;
  /** The subscription ends with its period */
  cancelAtPeriodEnd: boolean;
  /** A grant is in effect, or the status is trialing with the trial not over, or active, past_due or canceled with the period not over (or without an end) */
  canAccess: boolean;
  /** The status is trialing */
  isTrial: boolean;
  /** End of the trial (ISO 8601) */
  trialEndsAt?: string;
  /** Days left of the trial, rounded up, at least 0 (trialing only) */
  trialDaysRemaining?: number;
  /** The tenant has had its trial */
  hadTrial: boolean;
  /** A grant is in effect */
  hasActiveGrant: boolean;
  /** When the latest-ending grant in effect ends (ISO 8601) */
  grantEndsAt?: string;
}

/** Whether another tenant registered the same channel identity */
export interface ChannelReuse {
  /** Another tenant has a fingerprint of the same type and hash */
  reused: boolean;
  /** The tenant that registered it first; absent when not reused */
  tenantId?: string;
}

/** Unread messages (sum of unreadCount) in all conversations and per channel family; a family is present when the tenant has a channel of that family */
export interface ConversationChannelCounts {
  /** All conversations */
  all: number;
  /** telegram and telegram_personal */
  telegram?: number;
  /** max and max_personal */
  max?: number;
  /** whatsapp and whatsapp_personal */
  whatsapp?: number;
}

/** A conversation with its customer, all its messages (oldest first) and the pending suggestion */
export interface ConversationDetail extends Conversation {
  /** The conversation's customer */
  customer: Customer;
  /** Every message, oldest first */
  messages: Message[];
  /** The newest pending AI suggestion, if any */
  currentSuggestion?: AiSuggestion;
}

/** A conversation with its customer, its newest message and its channel */
export interface ConversationWithCustomer extends Conversation {
  /** The conversation's customer */
  customer: Customer;
  /** The newest message; absent when there is none */
  lastMessage?: Message;
  /** The conversation's channel (lists only); absent when it has none. Its config is shown to owner/admin only */
  channel?: Channel;
}

/** How many rows match */
export interface Count {
  /** The number of rows */
  count: number;
}

/** The version the system runs */
export interface CurrentVersion {
  /** The version of the newest applied update, "1.0.0" when none was applied */
  version: string;
}

/** How many rows were deleted, per table */
export interface CustomerDataDeletion {
  /** Operator actions on the suggestions of the customer's conversations */
  humanActions: number;
  /** VIN/FRAME lookups of its conversations */
  vehicleLookupCases: number;
  /** Escalations of its conversations */
  escalationEvents: number;
  /** Learning-queue entries of its conversations */
  learningQueue: number;
  /** Training samples of its conversations */
  aiTrainingSamples: number;
  /** CSAT ratings of its conversations */
  csatRatings: number;
  /** Conversions of its conversations */
  conversions: number;
  /** Lost deals of its conversations */
  lostDeals: number;
  /** AI suggestions of its conversations */
  aiSuggestions: number;
  /** Messages of its conversations */
  messages: number;
  /** Its conversations */
  conversations: number;
  /** Its AI memory */
  customerMemory: number;
  /** Its notes */
  customerNotes: number;
  /** The customer itself (1) */
  customers: number;
}

/** The tenant's dashboard counts. resolvedToday, avgResponseTime and aiAccuracy are constants the old system answered (0, 12, 0), kept so clients read the same object; they are not computed */
export interface DashboardMetrics {
  /** All conversations of the tenant */
  totalConversations: number;
  /** Conversations with status active */
  activeConversations: number;
  /** Conversations with status escalated */
  escalatedConversations: number;
  /** Always 0 (a constant of the old system, not computed) */
  resolvedToday: number;
  /** Always 12 (a constant of the old system, not measured) */
  avgResponseTime: number;
  /** Always 0 (a constant of the old system, not computed) */
  aiAccuracy: number;
  /** AI suggestions with status pending in the tenant's conversations */
  pendingSuggestions: number;
  /** Products of the tenant */
  productsCount: number;
  /** Knowledge docs of the tenant */
  knowledgeDocsCount: number;
}

/** The effective value of every flag: the tenant's override, else the global value, else the built-in default */
export interface EffectiveFeatureFlags {
  /** Flag name → enabled, names sorted */
  flags: Record<string, boolean>;
}

/** The ids of the customer, the conversation and the stored message */
export interface InboundMessageResult {
  /** The customer (found or created) */
  customerId: string;
  /** Its active conversation (found or created) */
  conversationId: string;
  /** The stored message */
  messageId: string;
}

/** Proxies of the pool per status */
export interface ProxyStats {
  /** Every proxy */
  total: number;
  /** Free to assign */
  available: number;
  /** Assigned to a channel */
  assigned: number;
  /** Taken out of the pool */
  disabled: number;
  /** Marked failed */
  failed: number;
}

/** A chunk near the embedding searched for, with its document's source */
export interface RagChunkMatch {
  /** The chunk */
  id: string;
  /** Its document */
  ragDocumentId: string;
  /** The document's source type: PRODUCT or DOC */
  type: string;
  /** The product or knowledge doc the document indexes */
  sourceId: string;
  /** The chunk's text */
  chunkText: string;
  /** Its position in its document */
  chunkIndex: number;
  /** The chunk's metadata */
  metadata: unknown;
  /** Cosine similarity to the embedding searched for, -1 to 1 */
  similarity: number;
}

/** A chunk to embed */
export interface RagChunkText {
  /** The chunk */
  id: string;
  /** Its text */
  chunkText: string;
}

/** An embedded chunk, its embedding as the stored JSON text */
export interface RagEmbeddedChunk {
  /** The chunk */
  id: string;
  /** Its text */
  chunkText: string;
  /** Its position in its document */
  chunkIndex: number;
  /** The embedding as stored: JSON text of a number array */
  embedding: string;
  /** The chunk's metadata */
  metadata: unknown;
}

/** How many stale chunks had their embedding cleared */
export interface RagEmbeddingsInvalidated {
  /** Chunks whose embedding is now null */
  invalidated: number;
}

/** A chunk of a source's documents */
export interface RagSourceChunk {
  /** The chunk */
  id: string;
  /** Its text */
  chunkText: string;
  /** Its embedding; null when it has none (or it is not JSON of a number array) */
  embedding: number[] | null;
}

/** How many documents of the source were deleted (their chunks with them) */
export interface RagSourceDeleted {
  /** Documents deleted */
  deletedDocs: number;
}

/** An embedded chunk whose metadata.contentHash is not the hash of its text */
export interface RagStaleChunk {
  /** The chunk */
  id: string;
  /** Its text */
  chunkText: string;
  /** metadata.contentHash; absent when it has none (or it is not a string) */
  storedHash?: string;
  /** The first 16 hex digits of SHA-256 of the trimmed text */
  currentHash: string;
}

/** How many subscriptions each rule moved (a row moved by a concurrent run is counted there, not here) */
export interface RefreshedSubscriptions {
  /** Trials that ended: trialing → expired */
  expired: number;
  /** Periods that ended with cancelAtPeriodEnd: active → canceled */
  canceled: number;
  /** Periods that ended otherwise: active → past_due */
  pastDue: number;
}

/** The secret in effect (the tenant's, else the global one) and its decrypted value */
export interface ResolvedIntegrationSecret extends IntegrationSecret {
  /** The decrypted value */
  value: string;
}

/** The tenant a row belongs to */
export interface RowOwner {
  /** The tenant of the row */
  tenantId: string;
}

/** Reply texts of the gearbox lookup: the tenant's override when non-empty, else the built-in default */
export interface TenantTemplates {
  /** Gearbox found by VIN ({{model}}, {{oem}}, {{source}}) */
  gearboxLookupFound: string;
  /** Only the gearbox model is known */
  gearboxLookupModelOnly: string;
  /** Asks for a photo of the gearbox tag */
  gearboxTagRequest: string;
  /** The lookup failed; a manager will answer */
  gearboxLookupFallback: string;
  /** Asks for the VIN or frame number */
  gearboxNoVin: string;
}

/** Every row and answer interface of this module, by name. */
export interface Rows {
  Tenant: Tenant;
  User: User;
  UserInvite: UserInvite;
  EmailToken: EmailToken;
  Channel: Channel;
  Customer: Customer;
  CustomerNote: CustomerNote;
  CustomerMemory: CustomerMemory;
  Conversation: Conversation;
  Message: Message;
  EscalationEvent: EscalationEvent;
  AiSuggestion: AiSuggestion;
  HumanAction: HumanAction;
  AiTrainingSample: AiTrainingSample;
  AiTrainingPolicy: AiTrainingPolicy;
  LearningQueueItem: LearningQueueItem;
  ResponseTemplate: ResponseTemplate;
  DecisionSettings: DecisionSettings;
  HumanDelaySettings: HumanDelaySettings;
  Product: Product;
  KnowledgeDoc: KnowledgeDoc;
  KnowledgeDocChunk: KnowledgeDocChunk;
  RagDocument: RagDocument;
  RagChunk: RagChunk;
  OnboardingState: OnboardingState;
  ReadinessReport: ReadinessReport;
  CsatRating: CsatRating;
  Conversion: Conversion;
  LostDeal: LostDeal;
  Plan: Plan;
  Subscription: Subscription;
  SubscriptionGrant: SubscriptionGrant;
  VehicleLookupCache: VehicleLookupCache;
  VehicleLookupCase: VehicleLookupCase;
  PriceSnapshot: PriceSnapshot;
  InternalPrice: InternalPrice;
  MessageTemplate: MessageTemplate;
  PaymentMethod: PaymentMethod;
  TenantAgentSettings: TenantAgentSettings;
  TelegramSession: TelegramSession;
  MaxPersonalAccount: MaxPersonalAccount;
  AdminAction: AdminAction;
  ChannelFingerprint: ChannelFingerprint;
  FraudFlag: FraudFlag;
  IntegrationSecret: IntegrationSecret;
  FeatureFlag: FeatureFlag;
  AuditEvent: AuditEvent;
  UpdateHistory: UpdateHistory;
  Proxy: Proxy;
  Session: Session;
  AuthUser: AuthUser;
  ActiveGrant: ActiveGrant;
  AuditEventBatch: AuditEventBatch;
  BillingStatus: BillingStatus;
  ChannelReuse: ChannelReuse;
  ConversationChannelCounts: ConversationChannelCounts;
  ConversationDetail: ConversationDetail;
  ConversationWithCustomer: ConversationWithCustomer;
  Count: Count;
  CurrentVersion: CurrentVersion;
  CustomerDataDeletion: CustomerDataDeletion;
  DashboardMetrics: DashboardMetrics;
  EffectiveFeatureFlags: EffectiveFeatureFlags;
  InboundMessageResult: InboundMessageResult;
  ProxyStats: ProxyStats;
  RagChunkMatch: RagChunkMatch;
  RagChunkText: RagChunkText;
  RagEmbeddedChunk: RagEmbeddedChunk;
  RagEmbeddingsInvalidated: RagEmbeddingsInvalidated;
  RagSourceChunk: RagSourceChunk;
  RagSourceDeleted: RagSourceDeleted;
  RagStaleChunk: RagStaleChunk;
  RefreshedSubscriptions: RefreshedSubscriptions;
  ResolvedIntegrationSecret: ResolvedIntegrationSecret;
  RowOwner: RowOwner;
  TenantTemplates: TenantTemplates;
}

/** Which members of a row or answer are timestamps (ISO strings on the wire), nested rows and arrays of rows. */
export interface Members {
  dates: readonly string[];
  rows?: Readonly<Record<string, keyof Rows>>;
  lists?: Readonly<Record<string, keyof Rows>>;
}

/** The members of every row and answer interface, by name. */
export const MEMBERS: { readonly [N in keyof Rows]: Members } = {
  Tenant: { dates: ["createdAt"] },
  User: { dates: ["emailVerifiedAt", "passwordUpdatedAt", "lastLoginAt", "lockedUntil", "disabledAt", "createdAt"] },
  UserInvite: { dates: ["expiresAt", "usedAt", "createdAt"] },
  EmailToken: { dates: ["expiresAt", "usedAt", "createdAt"] },
  Channel: { dates: ["createdAt"] },
  Customer: { dates: ["createdAt", "updatedAt"] },
  CustomerNote: { dates: ["createdAt"] },
  CustomerMemory: { dates: ["updatedAt"] },
  Conversation: { dates: ["lastMessageAt", "createdAt"] },
  Message: { dates: ["createdAt"] },
  EscalationEvent: { dates: ["handledAt", "createdAt"] },
  AiSuggestion: { dates: ["createdAt"] },
  HumanAction: { dates: ["createdAt"] },
  AiTrainingSample: { dates: ["createdAt"] },
  AiTrainingPolicy: { dates: ["updatedAt"] },
  LearningQueueItem: { dates: ["reviewedAt", "createdAt"] },
  ResponseTemplate: { dates: ["createdAt"] },
  DecisionSettings: { dates: ["updatedAt"] },
  HumanDelaySettings: { dates: ["updatedAt"] },
  Product: { dates: ["createdAt"] },
  KnowledgeDoc: { dates: ["createdAt"] },
  KnowledgeDocChunk: { dates: ["createdAt"] },
  RagDocument: { dates: ["updatedAt", "createdAt"] },
  RagChunk: { dates: ["updatedAt", "createdAt"] },
  OnboardingState: { dates: ["updatedAt"] },
  ReadinessReport: { dates: ["createdAt"] },
  CsatRating: { dates: ["createdAt"] },
  Conversion: { dates: ["createdAt"] },
  LostDeal: { dates: ["createdAt"] },
  Plan: { dates: ["createdAt"] },
  Subscription: { dates: ["currentPeriodStart", "currentPeriodEnd", "canceledAt", "trialStartedAt", "trialEndsAt", "trialEnd", "createdAt", "updatedAt"] },
  SubscriptionGrant: { dates: ["startsAt", "endsAt", "revokedAt", "createdAt"] },
  VehicleLookupCache: { dates: ["createdAt", "updatedAt", "expiresAt"] },
  VehicleLookupCase: { dates: ["createdAt", "updatedAt"] },
  PriceSnapshot: { dates: ["expiresAt", "createdAt"] },
  InternalPrice: { dates: ["updatedAt"] },
  MessageTemplate: { dates: ["createdAt", "updatedAt"] },
  PaymentMethod: { dates: ["createdAt"] },
  TenantAgentSettings: { dates: ["updatedAt"] },
  TelegramSession: { dates: ["createdAt", "updatedAt"] },
  MaxPersonalAccount: { dates: ["createdAt", "updatedAt"] },
  AdminAction: { dates: ["createdAt"] },
  ChannelFingerprint: { dates: ["firstSeenAt", "lastSeenAt"] },
  FraudFlag: { dates: ["createdAt", "resolvedAt"] },
  IntegrationSecret: { dates: ["createdAt", "updatedAt", "rotatedAt", "revokedAt"] },
  FeatureFlag: { dates: ["createdAt", "updatedAt"] },
  AuditEvent: { dates: ["createdAt"] },
  UpdateHistory: { dates: ["appliedAt", "createdAt"] },
  Proxy: { dates: ["lastCheckedAt", "createdAt", "updatedAt"] },
  Session: { dates: ["expire"] },
  AuthUser: { dates: ["createdAt", "updatedAt"] },
  ActiveGrant: { dates: [] },
  AuditEventBatch: { dates: [] },
  BillingStatus: { dates: [], rows: { plan: "Plan" } },
  ChannelReuse: { dates: [] },
  ConversationChannelCounts: { dates: [] },
  ConversationDetail: { dates: ["lastMessageAt", "createdAt"], rows: { customer: "Customer", currentSuggestion: "AiSuggestion" }, lists: { messages: "Message" } },
  ConversationWithCustomer: { dates: ["lastMessageAt", "createdAt"], rows: { customer: "Customer", lastMessage: "Message", channel: "Channel" } },
  Count: { dates: [] },
  CurrentVersion: { dates: [] },
  CustomerDataDeletion: { dates: [] },
  DashboardMetrics: { dates: [] },
  EffectiveFeatureFlags: { dates: [] },
  InboundMessageResult: { dates: [] },
  ProxyStats: { dates: [] },
  RagChunkMatch: { dates: [] },
  RagChunkText: { dates: [] },
  RagEmbeddedChunk: { dates: [] },
  RagEmbeddingsInvalidated: { dates: [] },
  RagSourceChunk: { dates: [] },
  RagSourceDeleted: { dates: [] },
  RagStaleChunk: { dates: [] },
  RefreshedSubscriptions: { dates: [] },
  ResolvedIntegrationSecret: { dates: ["createdAt", "updatedAt", "rotatedAt", "revokedAt"] },
  RowOwner: { dates: [] },
  TenantTemplates: { dates: [] },
};
