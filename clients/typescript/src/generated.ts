// Generated from salesgate's route table by `cargo run -p salesgate-clientgen`: do not edit.
// A test (crates/clientgen) fails when this file is out of date.
/* eslint-disable */

import type { Page, Transport } from "./transport.js";

/** A message attachment (schema.md §3.2). */
export interface Attachment {
  type: string;
  url: string;
  metadata?: Record<string, unknown>;
}

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
  createdAt: string;
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
  emailVerifiedAt: string | null;
  authProvider: "local" | "oidc" | "mixed" | null;
  oidcId: string | null;
  passwordUpdatedAt: string | null;
  lastLoginAt: string | null;
  failedLoginAttempts: number | null;
  lockedUntil: string | null;
  isPlatformAdmin: boolean;
  isPlatformOwner: boolean;
  isDisabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
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
  expiresAt: string;
  usedAt: string | null;
  createdAt: string;
}

/** A row of `email_tokens`: Single-use e-mail verification and password-reset tokens (hash only). */
export interface EmailToken {
  id: string;
  userId: string;
  /** Only in answers to the service role. */
  tokenHash?: string;
  type: "email_verification" | "password_reset";
  expiresAt: string;
  usedAt: string | null;
  createdAt: string;
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
  createdAt: string;
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
  createdAt: string;
  updatedAt: string;
}

/** A row of `customer_notes`: Operator notes attached to a customer. */
export interface CustomerNote {
  id: string;
  tenantId: string;
  customerId: string;
  authorUserId: string | null;
  noteText: string;
  createdAt: string;
}

/** A row of `customer_memory`: Long-term AI memory per customer: preferences, topic counters, last summary. */
export interface CustomerMemory {
  id: string;
  tenantId: string;
  customerId: string;
  preferences: Record<string, unknown> | null;
  frequentTopics: Record<string, unknown> | null;
  lastSummaryText: string | null;
  updatedAt: string;
}

/** A row of `conversations`: A dialog thread between one customer and the tenant. */
export interface Conversation {
  id: string;
  tenantId: string;
  customerId: string;
  channelId: string | null;
  status: "active" | "waiting_customer" | "waiting_operator" | "escalated" | "resolved";
  mode: "learning" | "semi-auto" | "auto";
  lastMessageAt: string | null;
  unreadCount: number | null;
  createdAt: string;
}

/** A row of `messages`: Individual messages in a conversation. */
export interface Message {
  id: string;
  conversationId: string;
  role: "customer" | "assistant" | "owner";
  content: string;
  attachments: Attachment[] | null;
  metadata: Record<string, unknown> | null;
  createdAt: string;
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
  handledAt: string | null;
  createdAt: string;
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
  createdAt: string;
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
  createdAt: string;
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
  createdAt: string;
}

/** A row of `ai_training_policies`: Per-tenant learning configuration (one row per tenant). */
export interface AiTrainingPolicy {
  tenantId: string;
  alwaysEscalateIntents: string[] | null;
  forbiddenTopics: string[] | null;
  disabledLearningIntents: string[] | null;
  updatedAt: string;
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
  reviewedAt: string | null;
  createdAt: string;
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
  createdAt: string;
}

/** A row of `decision_settings`: Per-tenant decision-engine thresholds. */
export interface DecisionSettings {
  tenantId: string;
  tAuto: number;
  tEscalate: number;
  autosendAllowed: boolean;
  intentsAutosendAllowed: string[] | null;
  intentsForceHandoff: string[] | null;
  updatedAt: string;
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
  updatedAt: string;
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
  createdAt: string;
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
  createdAt: string;
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
  createdAt: string;
}

/** A row of `rag_documents`: Unified retrieval index entry for a product or a knowledge doc. */
export interface RagDocument {
  id: string;
  tenantId: string;
  type: "PRODUCT" | "DOC";
  sourceId: string;
  content: string;
  metadata: Record<string, unknown> | null;
  updatedAt: string;
  createdAt: string;
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
  updatedAt: string;
  createdAt: string;
}

/** A row of `onboarding_state`: Per-tenant onboarding wizard progress. */
export interface OnboardingState {
  tenantId: string;
  status: "NOT_STARTED" | "IN_PROGRESS" | "DONE";
  currentStep: "BUSINESS" | "CHANNELS" | "PRODUCTS" | "POLICIES" | "KB" | "REVIEW" | "DONE";
  completedSteps: Array<"BUSINESS" | "CHANNELS" | "PRODUCTS" | "POLICIES" | "KB" | "REVIEW" | "DONE"> | null;
  answers: Record<string, unknown> | null;
  updatedAt: string;
}

/** A row of `readiness_reports`: Snapshots of the tenant's ready-for-auto-send check. */
export interface ReadinessReport {
  id: string;
  tenantId: string;
  score: number;
  checks: unknown;
  recommendations: string[] | null;
  createdAt: string;
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
  createdAt: string;
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
  createdAt: string;
}

/** A row of `lost_deals`: Where and why a customer was lost. */
export interface LostDeal {
  id: string;
  tenantId: string;
  conversationId: string;
  reason: "NO_STOCK" | "PRICE_TOO_HIGH" | "ESCALATED_NO_RESPONSE" | "AI_ERROR" | "OTHER";
  detectedAutomatically: boolean | null;
  notes: string | null;
  createdAt: string;
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
  createdAt: string;
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
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean | null;
  canceledAt: string | null;
  trialStartedAt: string | null;
  trialEndsAt: string | null;
  trialEnd: string | null;
  hadTrial: boolean | null;
  createdAt: string;
  updatedAt: string;
}

/** A row of `subscription_grants`: Manual free-access grants by platform admins. */
export interface SubscriptionGrant {
  id: string;
  tenantId: string;
  startsAt: string;
  endsAt: string;
  grantedByUserId: string;
  reason: string;
  revokedAt: string | null;
  revokedByUserId: string | null;
  revokedReason: string | null;
  createdAt: string;
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
  createdAt: string;
  updatedAt: string;
  expiresAt: string | null;
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
  createdAt: string;
  updatedAt: string;
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
  expiresAt: string | null;
  raw: unknown;
  createdAt: string;
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
  updatedAt: string;
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
  createdAt: string;
  updatedAt: string;
}

/** A row of `payment_methods`: Payment options a tenant offers, shown after price suggestions. */
export interface PaymentMethod {
  id: string;
  tenantId: string;
  title: string;
  description: string | null;
  isActive: boolean;
  order: number;
  createdAt: string;
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
  updatedAt: string;
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
  createdAt: string;
  updatedAt: string;
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
  createdAt: string;
  updatedAt: string;
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
  createdAt: string;
}

/** A row of `channel_fingerprints`: SHA-256 fingerprints of connected channel identities (trial-abuse detection). */
export interface ChannelFingerprint {
  id: string;
  channelType: "telegram" | "whatsapp_business" | "whatsapp_personal" | "max";
  fingerprintHash: string;
  tenantId: string;
  firstSeenAt: string;
  lastSeenAt: string;
  isBlocked: boolean | null;
}

/** A row of `fraud_flags`: Recorded fraud detections. */
export interface FraudFlag {
  id: string;
  tenantId: string;
  reason: "CHANNEL_REUSE" | "MULTI_TRIAL_ATTEMPT" | "SUSPICIOUS_ACTIVITY";
  metadata: Record<string, unknown> | null;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

/** A row of `integration_secrets`: Encrypted API keys (global or per tenant), managed by platform admins. */
export interface IntegrationSecret {
  id: string;
  scope: "global" | "tenant";
  tenantId: string | null;
  keyName: string;
  last4: string | null;
  createdAt: string;
  updatedAt: string;
  rotatedAt: string | null;
  revokedAt: string | null;
  createdByAdminId: string;
}

/** A row of `feature_flags`: Feature flags: global defaults (tenant_id NULL) plus per-tenant overrides. */
export interface FeatureFlag {
  id: string;
  name: "AI_SUGGESTIONS_ENABLED" | "DECISION_ENGINE_ENABLED" | "AI_AUTOSEND_ENABLED" | "HUMAN_DELAY_ENABLED" | "RAG_ENABLED" | "FEW_SHOT_LEARNING" | "TELEGRAM_CHANNEL_ENABLED" | "TELEGRAM_PERSONAL_CHANNEL_ENABLED" | "WHATSAPP_CHANNEL_ENABLED" | "WHATSAPP_PERSONAL_CHANNEL_ENABLED" | "MAX_CHANNEL_ENABLED" | "MAX_PERSONAL_CHANNEL_ENABLED" | "AUTO_PARTS_ENABLED";
  description: string | null;
  enabled: boolean;
  tenantId: string | null;
  createdAt: string;
  updatedAt: string;
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
  createdAt: string;
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
  appliedAt: string | null;
  appliedById: string | null;
  errorMessage: string | null;
  createdAt: string;
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
  lastCheckedAt: string | null;
  lastErrorMessage: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A row of `sessions`: express-session store of the old web app (connect-pg-simple). */
export interface Session {
  sid: string;
  /** Only in answers to the service role. */
  sess?: Record<string, unknown>;
  expire: string;
}

/** A row of `auth_users`: Optional OIDC profile store (unused by the old server code). */
export interface AuthUser {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  profileImageUrl: string | null;
  createdAt: string | null;
  updatedAt: string | null;
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
  expiresAt: string;
  usedAt?: string | null;
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
  handledAt?: string | null;
}

/** The body of updateEscalationEvent: Hand-offs of a conversation to a human, with an AI-prepared summary. */
export interface EscalationEventPatch {
  reason?: string;
  summary?: string | null;
  suggestedResponse?: string | null;
  clarificationNeeded?: string | null;
  status?: "pending" | "handled" | "dismissed" | null;
  handledBy?: string | null;
  handledAt?: string | null;
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
  expiresAt?: string | null;
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
  expire: string;
}

/** The body of touchSession: express-session store of the old web app (connect-pg-simple). */
export interface SessionPatchForSid {
  sess?: Record<string, unknown>;
  expire?: string;
}

/** The body of syncStripeSubscription: A Stripe subscription's state from a webhook event (metadata.tenantId is the path's tenant). stripeStatus is mapped: incomplete_expired → unpaid, an unknown status → incomplete */
export interface StripeSubscriptionSync {
  stripeStatus: string;
  stripeCustomerId?: string | null;
  stripeSubscriptionId?: string | null;
  planId?: string | null;
  currentPeriodStart?: string | null;
  currentPeriodEnd?: string | null;
  cancelAtPeriodEnd?: boolean | null;
  trialEnd?: string | null;
}

/** The body of createGrant: Manual free-access grants by platform admins. */
export interface SubscriptionGrantInsert {
  startsAt: string;
  endsAt: string;
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
  expiresAt: string;
}

/** The body of upsertVehicleLookupCache: Cache of VIN/FRAME decoding results, shared across tenants. */
export interface VehicleLookupCacheInsert {
  lookupKey: string;
  idType: "VIN" | "FRAME";
  rawValue: string;
  normalizedValue: string;
  result: unknown;
  source: string;
  expiresAt?: string | null;
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

/** The method and path template of every operation, by operation id. */
export const operations = {
  getOpenApi: { method: "GET", path: "/v1/openapi.json" },
  createTenant: { method: "POST", path: "/v1/tenants" },
  getDefaultTenant: { method: "GET", path: "/v1/platform/default-tenant" },
  getTenant: { method: "GET", path: "/v1/tenants/{tenantId}" },
  updateTenant: { method: "PATCH", path: "/v1/tenants/{tenantId}" },
  getTenantTemplates: { method: "GET", path: "/v1/tenants/{tenantId}/templates" },
  getChannelsByType: { method: "GET", path: "/v1/platform/channels" },
  getChannelsByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/channels" },
  createChannel: { method: "POST", path: "/v1/tenants/{tenantId}/channels" },
  getChannel: { method: "GET", path: "/v1/tenants/{tenantId}/channels/{channelId}" },
  updateChannel: { method: "PATCH", path: "/v1/tenants/{tenantId}/channels/{channelId}" },
  getCustomersByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/customers" },
  searchCustomers: { method: "GET", path: "/v1/tenants/{tenantId}/customers/search" },
  getCustomerByExternalId: { method: "GET", path: "/v1/tenants/{tenantId}/customers/lookup" },
  getCustomer: { method: "GET", path: "/v1/tenants/{tenantId}/customers/{customerId}" },
  createCustomer: { method: "POST", path: "/v1/tenants/{tenantId}/customers" },
  updateCustomer: { method: "PATCH", path: "/v1/tenants/{tenantId}/customers/{customerId}" },
  getCustomerNotes: { method: "GET", path: "/v1/tenants/{tenantId}/customers/{customerId}/notes" },
  createCustomerNote: { method: "POST", path: "/v1/tenants/{tenantId}/customers/{customerId}/notes" },
  getCustomerNote: { method: "GET", path: "/v1/tenants/{tenantId}/customer-notes/{noteId}" },
  deleteCustomerNote: { method: "DELETE", path: "/v1/tenants/{tenantId}/customer-notes/{noteId}" },
  getConversationsByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/conversations" },
  getActiveConversations: { method: "GET", path: "/v1/tenants/{tenantId}/conversations/active" },
  getConversationChannelCounts: { method: "GET", path: "/v1/tenants/{tenantId}/conversations/channel-counts" },
  createConversation: { method: "POST", path: "/v1/tenants/{tenantId}/conversations" },
  getConversation: { method: "GET", path: "/v1/tenants/{tenantId}/conversations/{conversationId}" },
  getConversationWithCustomer: { method: "GET", path: "/v1/tenants/{tenantId}/conversations/{conversationId}/with-customer" },
  getConversationDetail: { method: "GET", path: "/v1/tenants/{tenantId}/conversations/{conversationId}/detail" },
  updateConversation: { method: "PATCH", path: "/v1/tenants/{tenantId}/conversations/{conversationId}" },
  deleteConversation: { method: "DELETE", path: "/v1/tenants/{tenantId}/conversations/{conversationId}" },
  getMessagesByConversationPaginated: { method: "GET", path: "/v1/tenants/{tenantId}/conversations/{conversationId}/messages" },
  createMessage: { method: "POST", path: "/v1/tenants/{tenantId}/conversations/{conversationId}/messages" },
  getMessagesByConversation: { method: "GET", path: "/v1/tenants/{tenantId}/conversations/{conversationId}/messages/all" },
  getMessagesBySuggestionId: { method: "GET", path: "/v1/tenants/{tenantId}/ai-suggestions/{suggestionId}/messages" },
  getMessage: { method: "GET", path: "/v1/tenants/{tenantId}/messages/{messageId}" },
  updateMessage: { method: "PATCH", path: "/v1/tenants/{tenantId}/messages/{messageId}" },
  receiveInboundMessage: { method: "POST", path: "/v1/tenants/{tenantId}/inbound-messages" },
  getEffectiveFeatureFlags: { method: "GET", path: "/v1/tenants/{tenantId}/feature-flags" },
  setTenantFeatureFlag: { method: "PUT", path: "/v1/tenants/{tenantId}/feature-flags/{flagName}" },
  deleteTenantFeatureFlag: { method: "DELETE", path: "/v1/tenants/{tenantId}/feature-flags/{flagName}" },
  getGlobalFeatureFlags: { method: "GET", path: "/v1/platform/feature-flags" },
  setGlobalFeatureFlag: { method: "PUT", path: "/v1/platform/feature-flags/{flagName}" },
  getUser: { method: "GET", path: "/v1/service/users/{userId}" },
  getUserByUsername: { method: "GET", path: "/v1/service/users/by-username" },
  getUserByEmail: { method: "GET", path: "/v1/service/users/by-email" },
  getUserByOidcId: { method: "GET", path: "/v1/service/users/by-oidc-id" },
  createUser: { method: "POST", path: "/v1/tenants/{tenantId}/users" },
  updateUserLoginAttempts: { method: "POST", path: "/v1/service/users/{userId}/login-failures" },
  updateUserLoginSuccess: { method: "POST", path: "/v1/service/users/{userId}/login-success" },
  getUsersByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/users" },
  getTenantUser: { method: "GET", path: "/v1/tenants/{tenantId}/users/{userId}" },
  getUserInviteByTokenHash: { method: "GET", path: "/v1/service/user-invites/by-token-hash" },
  getPendingInviteForEmail: { method: "GET", path: "/v1/tenants/{tenantId}/user-invites/pending" },
  createUserInvite: { method: "POST", path: "/v1/tenants/{tenantId}/user-invites" },
  markUserInviteUsed: { method: "POST", path: "/v1/tenants/{tenantId}/user-invites/{inviteId}/used" },
  createEmailToken: { method: "POST", path: "/v1/service/email-tokens" },
  getEmailTokenByHash: { method: "GET", path: "/v1/service/email-tokens/by-hash" },
  markEmailTokenUsed: { method: "POST", path: "/v1/service/email-tokens/{tokenId}/used" },
  invalidateUserTokens: { method: "POST", path: "/v1/service/users/{userId}/email-tokens/invalidate" },
  updateUserEmailVerified: { method: "POST", path: "/v1/service/users/{userId}/email-verified" },
  updateUserPassword: { method: "POST", path: "/v1/service/users/{userId}/password" },
  linkOidcToUser: { method: "POST", path: "/v1/service/users/{userId}/oidc" },
  getCustomerMemory: { method: "GET", path: "/v1/tenants/{tenantId}/customers/{customerId}/memory" },
  upsertCustomerMemory: { method: "PUT", path: "/v1/tenants/{tenantId}/customers/{customerId}/memory" },
  incrementFrequentTopic: { method: "POST", path: "/v1/tenants/{tenantId}/customers/{customerId}/memory/frequent-topics" },
  updateCustomerPreferences: { method: "PATCH", path: "/v1/tenants/{tenantId}/customers/{customerId}/memory/preferences" },
  getProductsByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/products" },
  searchProducts: { method: "GET", path: "/v1/tenants/{tenantId}/products/search" },
  createProduct: { method: "POST", path: "/v1/tenants/{tenantId}/products" },
  getProduct: { method: "GET", path: "/v1/tenants/{tenantId}/products/{productId}" },
  updateProduct: { method: "PATCH", path: "/v1/tenants/{tenantId}/products/{productId}" },
  deleteProduct: { method: "DELETE", path: "/v1/tenants/{tenantId}/products/{productId}" },
  getKnowledgeDocsByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/knowledge-docs" },
  searchKnowledgeDocs: { method: "GET", path: "/v1/tenants/{tenantId}/knowledge-docs/search" },
  createKnowledgeDoc: { method: "POST", path: "/v1/tenants/{tenantId}/knowledge-docs" },
  getKnowledgeDoc: { method: "GET", path: "/v1/tenants/{tenantId}/knowledge-docs/{knowledgeDocId}" },
  updateKnowledgeDoc: { method: "PATCH", path: "/v1/tenants/{tenantId}/knowledge-docs/{knowledgeDocId}" },
  deleteKnowledgeDoc: { method: "DELETE", path: "/v1/tenants/{tenantId}/knowledge-docs/{knowledgeDocId}" },
  getAiSuggestion: { method: "GET", path: "/v1/tenants/{tenantId}/ai-suggestions/{suggestionId}" },
  getPendingSuggestionByConversation: { method: "GET", path: "/v1/tenants/{tenantId}/conversations/{conversationId}/ai-suggestions/pending" },
  getSuggestionsByConversation: { method: "GET", path: "/v1/tenants/{tenantId}/conversations/{conversationId}/ai-suggestions" },
  getSuggestionsByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/ai-suggestions" },
  createAiSuggestion: { method: "POST", path: "/v1/tenants/{tenantId}/conversations/{conversationId}/ai-suggestions" },
  updateAiSuggestion: { method: "PATCH", path: "/v1/tenants/{tenantId}/ai-suggestions/{suggestionId}" },
  createHumanAction: { method: "POST", path: "/v1/tenants/{tenantId}/ai-suggestions/{suggestionId}/human-actions" },
  createAiTrainingSample: { method: "POST", path: "/v1/tenants/{tenantId}/ai-training-samples" },
  getAiTrainingSamplesByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/ai-training-samples" },
  getAiTrainingSamplesCount: { method: "GET", path: "/v1/tenants/{tenantId}/ai-training-samples/count" },
  getAiTrainingPolicy: { method: "GET", path: "/v1/tenants/{tenantId}/ai-training-policy" },
  upsertAiTrainingPolicy: { method: "PUT", path: "/v1/tenants/{tenantId}/ai-training-policy" },
  createLearningQueueItem: { method: "POST", path: "/v1/tenants/{tenantId}/learning-queue" },
  getLearningQueueByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/learning-queue" },
  getLearningQueueItem: { method: "GET", path: "/v1/tenants/{tenantId}/conversations/{conversationId}/learning-queue-item" },
  updateLearningQueueItem: { method: "PATCH", path: "/v1/tenants/{tenantId}/learning-queue/{learningQueueItemId}" },
  upsertLearningQueueItem: { method: "PUT", path: "/v1/tenants/{tenantId}/conversations/{conversationId}/learning-queue-item" },
  getEscalationsByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/escalations" },
  getRecentEscalations: { method: "GET", path: "/v1/tenants/{tenantId}/escalations/recent" },
  getEscalationEvent: { method: "GET", path: "/v1/tenants/{tenantId}/escalations/{escalationId}" },
  createEscalationEvent: { method: "POST", path: "/v1/tenants/{tenantId}/escalations" },
  updateEscalationEvent: { method: "PATCH", path: "/v1/tenants/{tenantId}/escalations/{escalationId}" },
  getTemplatesByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/response-templates" },
  createTemplate: { method: "POST", path: "/v1/tenants/{tenantId}/response-templates" },
  getDashboardMetrics: { method: "GET", path: "/v1/tenants/{tenantId}/dashboard" },
  getDecisionSettings: { method: "GET", path: "/v1/tenants/{tenantId}/decision-settings" },
  upsertDecisionSettings: { method: "PUT", path: "/v1/tenants/{tenantId}/decision-settings" },
  getHumanDelaySettings: { method: "GET", path: "/v1/tenants/{tenantId}/human-delay-settings" },
  upsertHumanDelaySettings: { method: "PUT", path: "/v1/tenants/{tenantId}/human-delay-settings" },
  getOnboardingState: { method: "GET", path: "/v1/tenants/{tenantId}/onboarding-state" },
  upsertOnboardingState: { method: "PUT", path: "/v1/tenants/{tenantId}/onboarding-state" },
  createReadinessReport: { method: "POST", path: "/v1/tenants/{tenantId}/readiness-reports" },
  getLatestReadinessReport: { method: "GET", path: "/v1/tenants/{tenantId}/readiness-reports/latest" },
  createCsatRating: { method: "POST", path: "/v1/tenants/{tenantId}/csat-ratings" },
  getCsatRatingByConversation: { method: "GET", path: "/v1/tenants/{tenantId}/conversations/{conversationId}/csat-rating" },
  getCsatRatingsByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/csat-ratings" },
  createConversion: { method: "POST", path: "/v1/tenants/{tenantId}/conversions" },
  getConversionByConversation: { method: "GET", path: "/v1/tenants/{tenantId}/conversations/{conversationId}/conversion" },
  getConversionsByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/conversions" },
  createLostDeal: { method: "POST", path: "/v1/tenants/{tenantId}/lost-deals" },
  getLostDealByConversation: { method: "GET", path: "/v1/tenants/{tenantId}/conversations/{conversationId}/lost-deal" },
  getLostDealsByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/lost-deals" },
  getCustomersCount: { method: "GET", path: "/v1/tenants/{tenantId}/customers/count" },
  getCustomerNotesCount: { method: "GET", path: "/v1/tenants/{tenantId}/customer-notes/count" },
  getCustomerMemoryCount: { method: "GET", path: "/v1/tenants/{tenantId}/customer-memory/count" },
  createRagDocument: { method: "POST", path: "/v1/tenants/{tenantId}/rag-documents" },
  deleteRagBySource: { method: "DELETE", path: "/v1/tenants/{tenantId}/rag-documents" },
  createRagChunk: { method: "POST", path: "/v1/tenants/{tenantId}/rag-documents/{ragDocumentId}/chunks" },
  updateRagChunkEmbedding: { method: "PUT", path: "/v1/tenants/{tenantId}/rag-chunks/{ragChunkId}/embedding" },
  getRagChunksBySource: { method: "GET", path: "/v1/tenants/{tenantId}/rag-chunks" },
  getRagChunksWithoutEmbedding: { method: "GET", path: "/v1/tenants/{tenantId}/rag-chunks/without-embedding" },
  getRagChunksWithStaleHash: { method: "GET", path: "/v1/tenants/{tenantId}/rag-chunks/stale-hash" },
  invalidateStaleEmbeddings: { method: "POST", path: "/v1/tenants/{tenantId}/rag-chunks/invalidate-stale" },
  getAllRagChunksWithEmbedding: { method: "GET", path: "/v1/tenants/{tenantId}/rag-chunks/embedded" },
  searchRagChunks: { method: "POST", path: "/v1/tenants/{tenantId}/rag-chunks/search" },
  getUpdateHistory: { method: "GET", path: "/v1/platform/update-history" },
  getUpdateById: { method: "GET", path: "/v1/platform/update-history/{updateId}" },
  createUpdate: { method: "POST", path: "/v1/platform/update-history" },
  updateUpdateStatus: { method: "PUT", path: "/v1/platform/update-history/{updateId}/status" },
  setUpdateBackupPath: { method: "PUT", path: "/v1/platform/update-history/{updateId}/backup-path" },
  getCurrentVersion: { method: "GET", path: "/v1/platform/current-version" },
  getVehicleLookupCacheByKey: { method: "GET", path: "/v1/platform/vehicle-lookup-cache/by-key" },
  upsertVehicleLookupCache: { method: "POST", path: "/v1/platform/vehicle-lookup-cache" },
  createVehicleLookupCase: { method: "POST", path: "/v1/tenants/{tenantId}/vehicle-lookup-cases" },
  getVehicleLookupCaseById: { method: "GET", path: "/v1/tenants/{tenantId}/vehicle-lookup-cases/{caseId}" },
  getLatestVehicleLookupCaseByConversation: { method: "GET", path: "/v1/tenants/{tenantId}/conversations/{conversationId}/vehicle-lookup-cases/latest" },
  findActiveVehicleLookupCase: { method: "GET", path: "/v1/tenants/{tenantId}/conversations/{conversationId}/vehicle-lookup-cases/active" },
  linkCaseToCache: { method: "PUT", path: "/v1/tenants/{tenantId}/vehicle-lookup-cases/{caseId}/cache/{cacheId}" },
  updateVehicleLookupCaseStatus: { method: "PATCH", path: "/v1/tenants/{tenantId}/vehicle-lookup-cases/{caseId}/status" },
  createPriceSnapshot: { method: "POST", path: "/v1/tenants/{tenantId}/price-snapshots" },
  createGlobalPriceSnapshot: { method: "POST", path: "/v1/service/price-snapshots" },
  getLatestPriceSnapshot: { method: "GET", path: "/v1/tenants/{tenantId}/price-snapshots/latest" },
  getGlobalPriceSnapshot: { method: "GET", path: "/v1/platform/price-snapshots/global" },
  getPriceSnapshotsByOem: { method: "GET", path: "/v1/tenants/{tenantId}/price-snapshots" },
  upsertInternalPrice: { method: "POST", path: "/v1/tenants/{tenantId}/internal-prices" },
  getInternalPricesByOem: { method: "GET", path: "/v1/tenants/{tenantId}/internal-prices" },
  getTelegramAccountsByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/telegram-accounts" },
  getTelegramAccountById: { method: "GET", path: "/v1/tenants/{tenantId}/telegram-accounts/{accountId}" },
  getActiveTelegramAccounts: { method: "GET", path: "/v1/platform/telegram-accounts/active" },
  createTelegramAccount: { method: "POST", path: "/v1/tenants/{tenantId}/telegram-accounts" },
  updateTelegramAccount: { method: "PATCH", path: "/v1/tenants/{tenantId}/telegram-accounts/{accountId}" },
  deleteTelegramAccount: { method: "DELETE", path: "/v1/tenants/{tenantId}/telegram-accounts/{accountId}" },
  getMessageTemplatesByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/message-templates" },
  getActiveMessageTemplateByType: { method: "GET", path: "/v1/tenants/{tenantId}/message-templates/active/{templateType}" },
  getMessageTemplate: { method: "GET", path: "/v1/tenants/{tenantId}/message-templates/{messageTemplateId}" },
  createMessageTemplate: { method: "POST", path: "/v1/tenants/{tenantId}/message-templates" },
  updateMessageTemplate: { method: "PATCH", path: "/v1/tenants/{tenantId}/message-templates/{messageTemplateId}" },
  deleteMessageTemplate: { method: "DELETE", path: "/v1/tenants/{tenantId}/message-templates/{messageTemplateId}" },
  seedDefaultTemplates: { method: "POST", path: "/v1/tenants/{tenantId}/message-templates/seed-defaults" },
  getPaymentMethodsByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/payment-methods" },
  getActivePaymentMethods: { method: "GET", path: "/v1/tenants/{tenantId}/payment-methods/active" },
  getPaymentMethod: { method: "GET", path: "/v1/tenants/{tenantId}/payment-methods/{paymentMethodId}" },
  createPaymentMethod: { method: "POST", path: "/v1/tenants/{tenantId}/payment-methods" },
  updatePaymentMethod: { method: "PATCH", path: "/v1/tenants/{tenantId}/payment-methods/{paymentMethodId}" },
  deletePaymentMethod: { method: "DELETE", path: "/v1/tenants/{tenantId}/payment-methods/{paymentMethodId}" },
  reorderPaymentMethods: { method: "POST", path: "/v1/tenants/{tenantId}/payment-methods/reorder" },
  getTenantAgentSettings: { method: "GET", path: "/v1/tenants/{tenantId}/agent-settings" },
  upsertTenantAgentSettings: { method: "PUT", path: "/v1/tenants/{tenantId}/agent-settings" },
  ensurePlanExists: { method: "POST", path: "/v1/platform/plans/ensure" },
  getSubscriptionByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/subscription" },
  hasActiveGrant: { method: "GET", path: "/v1/tenants/{tenantId}/subscription-grants/active" },
  getBillingStatus: { method: "GET", path: "/v1/tenants/{tenantId}/billing-status" },
  startTrial: { method: "POST", path: "/v1/tenants/{tenantId}/subscription/trial" },
  createExpiredSubscription: { method: "POST", path: "/v1/tenants/{tenantId}/subscription/expired" },
  createInvoice: { method: "POST", path: "/v1/tenants/{tenantId}/subscription/invoice" },
  refreshExpiredSubscriptions: { method: "POST", path: "/v1/platform/subscriptions/refresh-expired" },
  cancelSubscription: { method: "POST", path: "/v1/tenants/{tenantId}/subscription/cancel" },
  syncStripeSubscription: { method: "PUT", path: "/v1/tenants/{tenantId}/subscription" },
  getGrantsByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/subscription-grants" },
  createGrant: { method: "POST", path: "/v1/tenants/{tenantId}/subscription-grants" },
  revokeGrant: { method: "POST", path: "/v1/tenants/{tenantId}/subscription-grants/{grantId}/revoke" },
  restrictTenant: { method: "POST", path: "/v1/tenants/{tenantId}/restrict" },
  unrestrictTenant: { method: "POST", path: "/v1/tenants/{tenantId}/unrestrict" },
  disableUser: { method: "POST", path: "/v1/platform/users/{userId}/disable" },
  enableUser: { method: "POST", path: "/v1/platform/users/{userId}/enable" },
  promotePlatformAdmin: { method: "POST", path: "/v1/platform/users/{userId}/promote" },
  demotePlatformAdmin: { method: "POST", path: "/v1/platform/users/{userId}/demote" },
  getMaxPersonalAccountsByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/max-personal-accounts" },
  createMaxPersonalAccount: { method: "POST", path: "/v1/tenants/{tenantId}/max-personal-accounts" },
  getAuthorizedMaxPersonalAccount: { method: "GET", path: "/v1/tenants/{tenantId}/max-personal-accounts/authorized" },
  getMaxPersonalAccountByAccountId: { method: "GET", path: "/v1/tenants/{tenantId}/max-personal-accounts/{accountId}" },
  updateMaxPersonalAccountLabel: { method: "PATCH", path: "/v1/tenants/{tenantId}/max-personal-accounts/{accountId}" },
  deleteMaxPersonalAccount: { method: "DELETE", path: "/v1/tenants/{tenantId}/max-personal-accounts/{accountId}" },
  checkChannelReuse: { method: "GET", path: "/v1/tenants/{tenantId}/channel-fingerprints/reuse" },
  registerChannelFingerprint: { method: "POST", path: "/v1/tenants/{tenantId}/channel-fingerprints" },
  createFraudFlag: { method: "POST", path: "/v1/tenants/{tenantId}/fraud-flags" },
  getFraudFlagsByTenant: { method: "GET", path: "/v1/tenants/{tenantId}/fraud-flags" },
  restrictTenantForFraud: { method: "POST", path: "/v1/tenants/{tenantId}/fraud-restriction" },
  resolveFraudFlag: { method: "POST", path: "/v1/tenants/{tenantId}/fraud-flags/{fraudFlagId}/resolve" },
  listIntegrationSecrets: { method: "GET", path: "/v1/platform/integration-secrets" },
  createIntegrationSecret: { method: "POST", path: "/v1/platform/integration-secrets" },
  rotateIntegrationSecret: { method: "POST", path: "/v1/platform/integration-secrets/rotate" },
  revokeIntegrationSecret: { method: "POST", path: "/v1/platform/integration-secrets/revoke" },
  resolveIntegrationSecret: { method: "GET", path: "/v1/service/integration-secrets/resolve" },
  createAuditEvents: { method: "POST", path: "/v1/platform/audit-events" },
  getAuditEventsByEntity: { method: "GET", path: "/v1/platform/audit-events/by-entity" },
  getAuditEventsByConversation: { method: "GET", path: "/v1/tenants/{tenantId}/audit-events/by-conversation" },
  getRecentAuditEvents: { method: "GET", path: "/v1/tenants/{tenantId}/audit-events" },
  getAllAuditEvents: { method: "GET", path: "/v1/platform/audit-events" },
  createProxy: { method: "POST", path: "/v1/platform/proxies" },
  getProxies: { method: "GET", path: "/v1/platform/proxies" },
  getProxyStats: { method: "GET", path: "/v1/platform/proxies/stats" },
  assignProxy: { method: "POST", path: "/v1/tenants/{tenantId}/channels/{channelId}/proxy" },
  releaseProxy: { method: "DELETE", path: "/v1/tenants/{tenantId}/channels/{channelId}/proxy" },
  markProxyFailed: { method: "POST", path: "/v1/platform/proxies/{proxyId}/failed" },
  deleteCustomerData: { method: "DELETE", path: "/v1/tenants/{tenantId}/customers/{customerId}" },
  getSession: { method: "GET", path: "/v1/service/sessions/{sessionId}" },
  setSession: { method: "PUT", path: "/v1/service/sessions/{sessionId}" },
  touchSession: { method: "PATCH", path: "/v1/service/sessions/{sessionId}" },
  destroySession: { method: "DELETE", path: "/v1/service/sessions/{sessionId}" },
  pruneExpiredSessions: { method: "DELETE", path: "/v1/service/expired-sessions" },
  getRowOwner: { method: "GET", path: "/v1/service/owners" },
} as const;

/** An operation id. */
export type OperationId = keyof typeof operations;

/** getOpenApi (GET /v1/openapi.json): This API's OpenAPI 3.1 document Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getOpenApi(t: Transport, args: Record<string, never> = {}): Promise<unknown> {
  return t.call<unknown>({ id: "getOpenApi", method: "GET", idempotent: true, kind: "json" }, `/v1/openapi.json`, undefined, undefined);
}

/** createTenant (POST /v1/tenants): Create a tenant (platform roles, service) Roles: platform_admin, platform_owner, service. */
export function createTenant(t: Transport, args: { body: TenantInsert }): Promise<Tenant> {
  return t.call<Tenant>({ id: "createTenant", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants`, undefined, args.body);
}

/** getDefaultTenant (GET /v1/platform/default-tenant): The oldest tenant (the old single-store default) Roles: platform_admin, platform_owner, service. */
export function getDefaultTenant(t: Transport, args: Record<string, never> = {}): Promise<Tenant> {
  return t.call<Tenant>({ id: "getDefaultTenant", method: "GET", idempotent: true, kind: "json" }, `/v1/platform/default-tenant`, undefined, undefined);
}

/** getTenant (GET /v1/tenants/{tenantId}): Get the tenant Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getTenant(t: Transport, args: { tenantId: string }): Promise<Tenant> {
  return t.call<Tenant>({ id: "getTenant", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}`, undefined, undefined);
}

/** updateTenant (PATCH /v1/tenants/{tenantId}): Update the tenant's settings Roles: owner, admin, platform_admin, platform_owner, service. */
export function updateTenant(t: Transport, args: { tenantId: string; body: TenantPatch }): Promise<Tenant> {
  return t.call<Tenant>({ id: "updateTenant", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}`, undefined, args.body);
}

/** getTenantTemplates (GET /v1/tenants/{tenantId}/templates): Reply texts: overrides or built-in defaults Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getTenantTemplates(t: Transport, args: { tenantId: string }): Promise<TenantTemplates> {
  return t.call<TenantTemplates>({ id: "getTenantTemplates", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/templates`, undefined, undefined);
}

/** getChannelsByType (GET /v1/platform/channels): Channels of one type across all tenants Roles: platform_admin, platform_owner, service. */
export function getChannelsByType(t: Transport, args: { type: "mock" | "telegram" | "telegram_personal" | "whatsapp" | "whatsapp_personal" | "max" | "max_personal"; limit?: number; after?: string }): Promise<Page<Channel>> {
  return t.call<Page<Channel>>({ id: "getChannelsByType", method: "GET", idempotent: true, kind: "page" }, `/v1/platform/channels`, { type: args.type, limit: args.limit, after: args.after }, undefined);
}

/** getChannelsByTenant (GET /v1/tenants/{tenantId}/channels): The tenant's channels, oldest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getChannelsByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<Channel>> {
  return t.call<Page<Channel>>({ id: "getChannelsByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/channels`, { limit: args.limit, after: args.after }, undefined);
}

/** createChannel (POST /v1/tenants/{tenantId}/channels): Add a channel Roles: owner, admin, platform_admin, platform_owner, service. */
export function createChannel(t: Transport, args: { tenantId: string; body: ChannelInsert }): Promise<Channel> {
  return t.call<Channel>({ id: "createChannel", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/channels`, undefined, args.body);
}

/** getChannel (GET /v1/tenants/{tenantId}/channels/{channelId}): Get a channel Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getChannel(t: Transport, args: { tenantId: string; channelId: string }): Promise<Channel> {
  return t.call<Channel>({ id: "getChannel", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/channels/${encodeURIComponent(args.channelId)}`, undefined, undefined);
}

/** updateChannel (PATCH /v1/tenants/{tenantId}/channels/{channelId}): Update a channel Roles: owner, admin, platform_admin, platform_owner, service. */
export function updateChannel(t: Transport, args: { tenantId: string; channelId: string; body: ChannelPatch }): Promise<Channel> {
  return t.call<Channel>({ id: "updateChannel", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/channels/${encodeURIComponent(args.channelId)}`, undefined, args.body);
}

/** getCustomersByTenant (GET /v1/tenants/{tenantId}/customers): The tenant's customers, oldest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getCustomersByTenant(t: Transport, args: { tenantId: string; q?: string; limit?: number; after?: string }): Promise<Page<Customer>> {
  return t.call<Page<Customer>>({ id: "getCustomersByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customers`, { q: args.q, limit: args.limit, after: args.after }, undefined);
}

/** searchCustomers (GET /v1/tenants/{tenantId}/customers/search): Search the tenant's customers Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function searchCustomers(t: Transport, args: { tenantId: string; q: string; limit?: number; after?: string }): Promise<Page<Customer>> {
  return t.call<Page<Customer>>({ id: "searchCustomers", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customers/search`, { q: args.q, limit: args.limit, after: args.after }, undefined);
}

/** getCustomerByExternalId (GET /v1/tenants/{tenantId}/customers/lookup): Find a customer by channel and external id Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getCustomerByExternalId(t: Transport, args: { tenantId: string; channel: "mock" | "telegram" | "telegram_personal" | "whatsapp" | "whatsapp_personal" | "max" | "max_personal"; externalId: string }): Promise<Customer> {
  return t.call<Customer>({ id: "getCustomerByExternalId", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customers/lookup`, { channel: args.channel, externalId: args.externalId }, undefined);
}

/** getCustomer (GET /v1/tenants/{tenantId}/customers/{customerId}): Get a customer Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getCustomer(t: Transport, args: { tenantId: string; customerId: string }): Promise<Customer> {
  return t.call<Customer>({ id: "getCustomer", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customers/${encodeURIComponent(args.customerId)}`, undefined, undefined);
}

/** createCustomer (POST /v1/tenants/{tenantId}/customers): Create a customer Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createCustomer(t: Transport, args: { tenantId: string; body: CustomerInsert }): Promise<Customer> {
  return t.call<Customer>({ id: "createCustomer", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customers`, undefined, args.body);
}

/** updateCustomer (PATCH /v1/tenants/{tenantId}/customers/{customerId}): Update a customer (name, email, phone, tags) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function updateCustomer(t: Transport, args: { tenantId: string; customerId: string; body: CustomerPatch }): Promise<Customer> {
  return t.call<Customer>({ id: "updateCustomer", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customers/${encodeURIComponent(args.customerId)}`, undefined, args.body);
}

/** getCustomerNotes (GET /v1/tenants/{tenantId}/customers/{customerId}/notes): A customer's notes, newest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getCustomerNotes(t: Transport, args: { tenantId: string; customerId: string; limit?: number; after?: string }): Promise<Page<CustomerNote>> {
  return t.call<Page<CustomerNote>>({ id: "getCustomerNotes", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customers/${encodeURIComponent(args.customerId)}/notes`, { limit: args.limit, after: args.after }, undefined);
}

/** createCustomerNote (POST /v1/tenants/{tenantId}/customers/{customerId}/notes): Add a note to a customer Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createCustomerNote(t: Transport, args: { tenantId: string; customerId: string; body: CustomerNoteInsertForCustomer }): Promise<CustomerNote> {
  return t.call<CustomerNote>({ id: "createCustomerNote", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customers/${encodeURIComponent(args.customerId)}/notes`, undefined, args.body);
}

/** getCustomerNote (GET /v1/tenants/{tenantId}/customer-notes/{noteId}): Get a note Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getCustomerNote(t: Transport, args: { tenantId: string; noteId: string }): Promise<CustomerNote> {
  return t.call<CustomerNote>({ id: "getCustomerNote", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customer-notes/${encodeURIComponent(args.noteId)}`, undefined, undefined);
}

/** deleteCustomerNote (DELETE /v1/tenants/{tenantId}/customer-notes/{noteId}): Delete a note Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function deleteCustomerNote(t: Transport, args: { tenantId: string; noteId: string }): Promise<void> {
  return t.call<void>({ id: "deleteCustomerNote", method: "DELETE", idempotent: false, kind: "empty" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customer-notes/${encodeURIComponent(args.noteId)}`, undefined, undefined);
}

/** getConversationsByTenant (GET /v1/tenants/{tenantId}/conversations): Conversations with customer, channel and last message, most recent first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getConversationsByTenant(t: Transport, args: { tenantId: string; status?: "active" | "waiting_customer" | "waiting_operator" | "escalated" | "resolved"; limit?: number; after?: string }): Promise<Page<ConversationWithCustomer>> {
  return t.call<Page<ConversationWithCustomer>>({ id: "getConversationsByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations`, { status: args.status, limit: args.limit, after: args.after }, undefined);
}

/** getActiveConversations (GET /v1/tenants/{tenantId}/conversations/active): Active conversations with customer, channel and last message, most recent first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getActiveConversations(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<ConversationWithCustomer>> {
  return t.call<Page<ConversationWithCustomer>>({ id: "getActiveConversations", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/active`, { limit: args.limit, after: args.after }, undefined);
}

/** getConversationChannelCounts (GET /v1/tenants/{tenantId}/conversations/channel-counts): Unread messages per channel family Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getConversationChannelCounts(t: Transport, args: { tenantId: string }): Promise<ConversationChannelCounts> {
  return t.call<ConversationChannelCounts>({ id: "getConversationChannelCounts", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/channel-counts`, undefined, undefined);
}

/** createConversation (POST /v1/tenants/{tenantId}/conversations): Start a conversation Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createConversation(t: Transport, args: { tenantId: string; body: ConversationInsert }): Promise<Conversation> {
  return t.call<Conversation>({ id: "createConversation", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations`, undefined, args.body);
}

/** getConversation (GET /v1/tenants/{tenantId}/conversations/{conversationId}): Get a conversation Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getConversation(t: Transport, args: { tenantId: string; conversationId: string }): Promise<Conversation> {
  return t.call<Conversation>({ id: "getConversation", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}`, undefined, undefined);
}

/** getConversationWithCustomer (GET /v1/tenants/{tenantId}/conversations/{conversationId}/with-customer): A conversation with its customer and last message Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getConversationWithCustomer(t: Transport, args: { tenantId: string; conversationId: string }): Promise<ConversationWithCustomer> {
  return t.call<ConversationWithCustomer>({ id: "getConversationWithCustomer", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}/with-customer`, undefined, undefined);
}

/** getConversationDetail (GET /v1/tenants/{tenantId}/conversations/{conversationId}/detail): A conversation with its customer, all messages and the pending suggestion Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getConversationDetail(t: Transport, args: { tenantId: string; conversationId: string }): Promise<ConversationDetail> {
  return t.call<ConversationDetail>({ id: "getConversationDetail", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}/detail`, undefined, undefined);
}

/** updateConversation (PATCH /v1/tenants/{tenantId}/conversations/{conversationId}): Update a conversation (status transitions are checked) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function updateConversation(t: Transport, args: { tenantId: string; conversationId: string; body: ConversationPatch }): Promise<Conversation> {
  return t.call<Conversation>({ id: "updateConversation", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}`, undefined, args.body);
}

/** deleteConversation (DELETE /v1/tenants/{tenantId}/conversations/{conversationId}): Delete a conversation and everything attached to it, in one transaction Roles: owner, admin, platform_admin, platform_owner, service. */
export function deleteConversation(t: Transport, args: { tenantId: string; conversationId: string }): Promise<void> {
  return t.call<void>({ id: "deleteConversation", method: "DELETE", idempotent: false, kind: "empty" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}`, undefined, undefined);
}

/** getMessagesByConversationPaginated (GET /v1/tenants/{tenantId}/conversations/{conversationId}/messages): A page of a conversation's messages Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getMessagesByConversationPaginated(t: Transport, args: { tenantId: string; conversationId: string; limit?: number; before?: string; after?: string }): Promise<Page<Message>> {
  return t.call<Page<Message>>({ id: "getMessagesByConversationPaginated", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}/messages`, { limit: args.limit, before: args.before, after: args.after }, undefined);
}

/** createMessage (POST /v1/tenants/{tenantId}/conversations/{conversationId}/messages): Add a message to a conversation (bumps lastMessageAt) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createMessage(t: Transport, args: { tenantId: string; conversationId: string; body: MessageInsertForConversation }): Promise<Message> {
  return t.call<Message>({ id: "createMessage", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}/messages`, undefined, args.body);
}

/** getMessagesByConversation (GET /v1/tenants/{tenantId}/conversations/{conversationId}/messages/all): All of a conversation's messages, oldest first, in pages Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getMessagesByConversation(t: Transport, args: { tenantId: string; conversationId: string; limit?: number; after?: string }): Promise<Page<Message>> {
  return t.call<Page<Message>>({ id: "getMessagesByConversation", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}/messages/all`, { limit: args.limit, after: args.after }, undefined);
}

/** getMessagesBySuggestionId (GET /v1/tenants/{tenantId}/ai-suggestions/{suggestionId}/messages): The messages of a suggestion's conversation, oldest first, in pages Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getMessagesBySuggestionId(t: Transport, args: { tenantId: string; suggestionId: string; limit?: number; after?: string }): Promise<Page<Message>> {
  return t.call<Page<Message>>({ id: "getMessagesBySuggestionId", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/ai-suggestions/${encodeURIComponent(args.suggestionId)}/messages`, { limit: args.limit, after: args.after }, undefined);
}

/** getMessage (GET /v1/tenants/{tenantId}/messages/{messageId}): Get a message Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getMessage(t: Transport, args: { tenantId: string; messageId: string }): Promise<Message> {
  return t.call<Message>({ id: "getMessage", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/messages/${encodeURIComponent(args.messageId)}`, undefined, undefined);
}

/** updateMessage (PATCH /v1/tenants/{tenantId}/messages/{messageId}): Update a message (content, metadata) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function updateMessage(t: Transport, args: { tenantId: string; messageId: string; body: MessagePatch }): Promise<Message> {
  return t.call<Message>({ id: "updateMessage", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/messages/${encodeURIComponent(args.messageId)}`, undefined, args.body);
}

/** receiveInboundMessage (POST /v1/tenants/{tenantId}/inbound-messages): Receive a customer's message from a messenger (one transaction) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function receiveInboundMessage(t: Transport, args: { tenantId: string; body: InboundMessage }): Promise<InboundMessageResult> {
  return t.call<InboundMessageResult>({ id: "receiveInboundMessage", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/inbound-messages`, undefined, args.body);
}

/** getEffectiveFeatureFlags (GET /v1/tenants/{tenantId}/feature-flags): Effective flags: tenant override, else global value, else built-in default Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getEffectiveFeatureFlags(t: Transport, args: { tenantId: string }): Promise<EffectiveFeatureFlags> {
  return t.call<EffectiveFeatureFlags>({ id: "getEffectiveFeatureFlags", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/feature-flags`, undefined, undefined);
}

/** setTenantFeatureFlag (PUT /v1/tenants/{tenantId}/feature-flags/{flagName}): Set a tenant override (platform roles) Roles: platform_admin, platform_owner. */
export function setTenantFeatureFlag(t: Transport, args: { tenantId: string; flagName: "AI_SUGGESTIONS_ENABLED" | "DECISION_ENGINE_ENABLED" | "AI_AUTOSEND_ENABLED" | "HUMAN_DELAY_ENABLED" | "RAG_ENABLED" | "FEW_SHOT_LEARNING" | "TELEGRAM_CHANNEL_ENABLED" | "TELEGRAM_PERSONAL_CHANNEL_ENABLED" | "WHATSAPP_CHANNEL_ENABLED" | "WHATSAPP_PERSONAL_CHANNEL_ENABLED" | "MAX_CHANNEL_ENABLED" | "MAX_PERSONAL_CHANNEL_ENABLED" | "AUTO_PARTS_ENABLED"; body: FeatureFlagInsertForName }): Promise<FeatureFlag> {
  return t.call<FeatureFlag>({ id: "setTenantFeatureFlag", method: "PUT", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/feature-flags/${encodeURIComponent(args.flagName)}`, undefined, args.body);
}

/** deleteTenantFeatureFlag (DELETE /v1/tenants/{tenantId}/feature-flags/{flagName}): Remove a tenant override (platform roles) Roles: platform_admin, platform_owner. */
export function deleteTenantFeatureFlag(t: Transport, args: { tenantId: string; flagName: "AI_SUGGESTIONS_ENABLED" | "DECISION_ENGINE_ENABLED" | "AI_AUTOSEND_ENABLED" | "HUMAN_DELAY_ENABLED" | "RAG_ENABLED" | "FEW_SHOT_LEARNING" | "TELEGRAM_CHANNEL_ENABLED" | "TELEGRAM_PERSONAL_CHANNEL_ENABLED" | "WHATSAPP_CHANNEL_ENABLED" | "WHATSAPP_PERSONAL_CHANNEL_ENABLED" | "MAX_CHANNEL_ENABLED" | "MAX_PERSONAL_CHANNEL_ENABLED" | "AUTO_PARTS_ENABLED" }): Promise<void> {
  return t.call<void>({ id: "deleteTenantFeatureFlag", method: "DELETE", idempotent: false, kind: "empty" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/feature-flags/${encodeURIComponent(args.flagName)}`, undefined, undefined);
}

/** getGlobalFeatureFlags (GET /v1/platform/feature-flags): Global flag rows, by name Roles: platform_admin, platform_owner. */
export function getGlobalFeatureFlags(t: Transport, args: { limit?: number; after?: string }): Promise<Page<FeatureFlag>> {
  return t.call<Page<FeatureFlag>>({ id: "getGlobalFeatureFlags", method: "GET", idempotent: true, kind: "page" }, `/v1/platform/feature-flags`, { limit: args.limit, after: args.after }, undefined);
}

/** setGlobalFeatureFlag (PUT /v1/platform/feature-flags/{flagName}): Set a global default (platform roles) Roles: platform_admin, platform_owner. */
export function setGlobalFeatureFlag(t: Transport, args: { flagName: "AI_SUGGESTIONS_ENABLED" | "DECISION_ENGINE_ENABLED" | "AI_AUTOSEND_ENABLED" | "HUMAN_DELAY_ENABLED" | "RAG_ENABLED" | "FEW_SHOT_LEARNING" | "TELEGRAM_CHANNEL_ENABLED" | "TELEGRAM_PERSONAL_CHANNEL_ENABLED" | "WHATSAPP_CHANNEL_ENABLED" | "WHATSAPP_PERSONAL_CHANNEL_ENABLED" | "MAX_CHANNEL_ENABLED" | "MAX_PERSONAL_CHANNEL_ENABLED" | "AUTO_PARTS_ENABLED"; body: FeatureFlagInsertForName }): Promise<FeatureFlag> {
  return t.call<FeatureFlag>({ id: "setGlobalFeatureFlag", method: "PUT", idempotent: false, kind: "json" }, `/v1/platform/feature-flags/${encodeURIComponent(args.flagName)}`, undefined, args.body);
}

/** getUser (GET /v1/service/users/{userId}): Get a user by id, across tenants (service) Roles: service. */
export function getUser(t: Transport, args: { userId: string }): Promise<User> {
  return t.call<User>({ id: "getUser", method: "GET", idempotent: true, kind: "json" }, `/v1/service/users/${encodeURIComponent(args.userId)}`, undefined, undefined);
}

/** getUserByUsername (GET /v1/service/users/by-username): Find a user by username (service) Roles: service. */
export function getUserByUsername(t: Transport, args: { username: string }): Promise<User> {
  return t.call<User>({ id: "getUserByUsername", method: "GET", idempotent: true, kind: "json" }, `/v1/service/users/by-username`, { username: args.username }, undefined);
}

/** getUserByEmail (GET /v1/service/users/by-email): Find a user by e-mail, case-insensitive (service) Roles: service. */
export function getUserByEmail(t: Transport, args: { email: string }): Promise<User> {
  return t.call<User>({ id: "getUserByEmail", method: "GET", idempotent: true, kind: "json" }, `/v1/service/users/by-email`, { email: args.email }, undefined);
}

/** getUserByOidcId (GET /v1/service/users/by-oidc-id): Find a user by OIDC subject (service) Roles: service. */
export function getUserByOidcId(t: Transport, args: { oidcId: string }): Promise<User> {
  return t.call<User>({ id: "getUserByOidcId", method: "GET", idempotent: true, kind: "json" }, `/v1/service/users/by-oidc-id`, { oidcId: args.oidcId }, undefined);
}

/** createUser (POST /v1/tenants/{tenantId}/users): Create a user of the tenant with a password hash (service: sign-up, invite acceptance) Roles: service. */
export function createUser(t: Transport, args: { tenantId: string; body: UserInsert }): Promise<User> {
  return t.call<User>({ id: "createUser", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/users`, undefined, args.body);
}

/** updateUserLoginAttempts (POST /v1/service/users/{userId}/login-failures): Count a failed login and lock the user when the policy says so (service) Roles: service. */
export function updateUserLoginAttempts(t: Transport, args: { userId: string; body: LoginFailure }): Promise<User> {
  return t.call<User>({ id: "updateUserLoginAttempts", method: "POST", idempotent: false, kind: "json" }, `/v1/service/users/${encodeURIComponent(args.userId)}/login-failures`, undefined, args.body);
}

/** updateUserLoginSuccess (POST /v1/service/users/{userId}/login-success): Record a successful login: counter 0, unlocked, lastLoginAt now (service) Roles: service. */
export function updateUserLoginSuccess(t: Transport, args: { userId: string }): Promise<void> {
  return t.call<void>({ id: "updateUserLoginSuccess", method: "POST", idempotent: false, kind: "empty" }, `/v1/service/users/${encodeURIComponent(args.userId)}/login-success`, undefined, undefined);
}

/** getUsersByTenant (GET /v1/tenants/{tenantId}/users): The tenant's users, oldest first (owner, admin) Roles: owner, admin, platform_admin, platform_owner, service. */
export function getUsersByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<User>> {
  return t.call<Page<User>>({ id: "getUsersByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/users`, { limit: args.limit, after: args.after }, undefined);
}

/** getTenantUser (GET /v1/tenants/{tenantId}/users/{userId}): Get a user of the tenant (owner, admin) Roles: owner, admin, platform_admin, platform_owner, service. */
export function getTenantUser(t: Transport, args: { tenantId: string; userId: string }): Promise<User> {
  return t.call<User>({ id: "getTenantUser", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/users/${encodeURIComponent(args.userId)}`, undefined, undefined);
}

/** getUserInviteByTokenHash (GET /v1/service/user-invites/by-token-hash): Find an invite by the hash of its token (service) Roles: service. */
export function getUserInviteByTokenHash(t: Transport, args: { tokenHash: string }): Promise<UserInvite> {
  return t.call<UserInvite>({ id: "getUserInviteByTokenHash", method: "GET", idempotent: true, kind: "json" }, `/v1/service/user-invites/by-token-hash`, { tokenHash: args.tokenHash }, undefined);
}

/** getPendingInviteForEmail (GET /v1/tenants/{tenantId}/user-invites/pending): The tenant's newest unused invite for an e-mail (expiry not checked) Roles: owner, admin, platform_admin, platform_owner, service. */
export function getPendingInviteForEmail(t: Transport, args: { tenantId: string; email: string }): Promise<UserInvite> {
  return t.call<UserInvite>({ id: "getPendingInviteForEmail", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/user-invites/pending`, { email: args.email }, undefined);
}

/** createUserInvite (POST /v1/tenants/{tenantId}/user-invites): Invite a team member (owner, admin) Roles: owner, admin, platform_admin, platform_owner, service. */
export function createUserInvite(t: Transport, args: { tenantId: string; body: UserInviteInsert }): Promise<UserInvite> {
  return t.call<UserInvite>({ id: "createUserInvite", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/user-invites`, undefined, args.body);
}

/** markUserInviteUsed (POST /v1/tenants/{tenantId}/user-invites/{inviteId}/used): Mark an invite used, once: 409 when it already is (service, invite acceptance) Roles: service. */
export function markUserInviteUsed(t: Transport, args: { tenantId: string; inviteId: string }): Promise<void> {
  return t.call<void>({ id: "markUserInviteUsed", method: "POST", idempotent: false, kind: "empty" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/user-invites/${encodeURIComponent(args.inviteId)}/used`, undefined, undefined);
}

/** createEmailToken (POST /v1/service/email-tokens): Store an e-mail token's hash (service) Roles: service. */
export function createEmailToken(t: Transport, args: { body: EmailTokenInsert }): Promise<EmailToken> {
  return t.call<EmailToken>({ id: "createEmailToken", method: "POST", idempotent: false, kind: "json" }, `/v1/service/email-tokens`, undefined, args.body);
}

/** getEmailTokenByHash (GET /v1/service/email-tokens/by-hash): Find an e-mail token by its hash; the caller checks expiry and use (service) Roles: service. */
export function getEmailTokenByHash(t: Transport, args: { tokenHash: string }): Promise<EmailToken> {
  return t.call<EmailToken>({ id: "getEmailTokenByHash", method: "GET", idempotent: true, kind: "json" }, `/v1/service/email-tokens/by-hash`, { tokenHash: args.tokenHash }, undefined);
}

/** markEmailTokenUsed (POST /v1/service/email-tokens/{tokenId}/used): Mark an e-mail token used, once: 409 when it already is (service) Roles: service. */
export function markEmailTokenUsed(t: Transport, args: { tokenId: string }): Promise<void> {
  return t.call<void>({ id: "markEmailTokenUsed", method: "POST", idempotent: false, kind: "empty" }, `/v1/service/email-tokens/${encodeURIComponent(args.tokenId)}/used`, undefined, undefined);
}

/** invalidateUserTokens (POST /v1/service/users/{userId}/email-tokens/invalidate): Mark every unused token of a type of the user used; answers how many (service) Roles: service. */
export function invalidateUserTokens(t: Transport, args: { userId: string; body: EmailTokenType }): Promise<Count> {
  return t.call<Count>({ id: "invalidateUserTokens", method: "POST", idempotent: false, kind: "json" }, `/v1/service/users/${encodeURIComponent(args.userId)}/email-tokens/invalidate`, undefined, args.body);
}

/** updateUserEmailVerified (POST /v1/service/users/{userId}/email-verified): Mark the user's e-mail verified now (service) Roles: service. */
export function updateUserEmailVerified(t: Transport, args: { userId: string }): Promise<void> {
  return t.call<void>({ id: "updateUserEmailVerified", method: "POST", idempotent: false, kind: "empty" }, `/v1/service/users/${encodeURIComponent(args.userId)}/email-verified`, undefined, undefined);
}

/** updateUserPassword (POST /v1/service/users/{userId}/password): Set the user's password hash (service) Roles: service. */
export function updateUserPassword(t: Transport, args: { userId: string; body: NewPassword }): Promise<void> {
  return t.call<void>({ id: "updateUserPassword", method: "POST", idempotent: false, kind: "empty" }, `/v1/service/users/${encodeURIComponent(args.userId)}/password`, undefined, args.body);
}

/** linkOidcToUser (POST /v1/service/users/{userId}/oidc): Link an OIDC subject to the user; authProvider becomes mixed (service) Roles: service. */
export function linkOidcToUser(t: Transport, args: { userId: string; body: OidcLink }): Promise<void> {
  return t.call<void>({ id: "linkOidcToUser", method: "POST", idempotent: false, kind: "empty" }, `/v1/service/users/${encodeURIComponent(args.userId)}/oidc`, undefined, args.body);
}

/** getCustomerMemory (GET /v1/tenants/{tenantId}/customers/{customerId}/memory): A customer's AI memory Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getCustomerMemory(t: Transport, args: { tenantId: string; customerId: string }): Promise<CustomerMemory> {
  return t.call<CustomerMemory>({ id: "getCustomerMemory", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customers/${encodeURIComponent(args.customerId)}/memory`, undefined, undefined);
}

/** upsertCustomerMemory (PUT /v1/tenants/{tenantId}/customers/{customerId}/memory): Create or update a customer's AI memory (a field absent or null keeps its stored value) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function upsertCustomerMemory(t: Transport, args: { tenantId: string; customerId: string; body: CustomerMemoryInsertForCustomer }): Promise<CustomerMemory> {
  return t.call<CustomerMemory>({ id: "upsertCustomerMemory", method: "PUT", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customers/${encodeURIComponent(args.customerId)}/memory`, undefined, args.body);
}

/** incrementFrequentTopic (POST /v1/tenants/{tenantId}/customers/{customerId}/memory/frequent-topics): Count one more occurrence of an intent in a customer's frequent topics Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function incrementFrequentTopic(t: Transport, args: { tenantId: string; customerId: string; body: FrequentTopicIncrement }): Promise<CustomerMemory> {
  return t.call<CustomerMemory>({ id: "incrementFrequentTopic", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customers/${encodeURIComponent(args.customerId)}/memory/frequent-topics`, undefined, args.body);
}

/** updateCustomerPreferences (PATCH /v1/tenants/{tenantId}/customers/{customerId}/memory/preferences): Merge preferences into a customer's AI memory (shallow: top-level keys) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function updateCustomerPreferences(t: Transport, args: { tenantId: string; customerId: string; body: CustomerPreferencesUpdate }): Promise<CustomerMemory> {
  return t.call<CustomerMemory>({ id: "updateCustomerPreferences", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customers/${encodeURIComponent(args.customerId)}/memory/preferences`, undefined, args.body);
}

/** getProductsByTenant (GET /v1/tenants/{tenantId}/products): The tenant's products, oldest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getProductsByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<Product>> {
  return t.call<Page<Product>>({ id: "getProductsByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/products`, { limit: args.limit, after: args.after }, undefined);
}

/** searchProducts (GET /v1/tenants/{tenantId}/products/search): Products whose name, description or category contains q Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function searchProducts(t: Transport, args: { tenantId: string; q?: string; limit?: number; after?: string }): Promise<Page<Product>> {
  return t.call<Page<Product>>({ id: "searchProducts", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/products/search`, { q: args.q, limit: args.limit, after: args.after }, undefined);
}

/** createProduct (POST /v1/tenants/{tenantId}/products): Add a product Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createProduct(t: Transport, args: { tenantId: string; body: ProductInsert }): Promise<Product> {
  return t.call<Product>({ id: "createProduct", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/products`, undefined, args.body);
}

/** getProduct (GET /v1/tenants/{tenantId}/products/{productId}): Get a product Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getProduct(t: Transport, args: { tenantId: string; productId: string }): Promise<Product> {
  return t.call<Product>({ id: "getProduct", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/products/${encodeURIComponent(args.productId)}`, undefined, undefined);
}

/** updateProduct (PATCH /v1/tenants/{tenantId}/products/{productId}): Update a product Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function updateProduct(t: Transport, args: { tenantId: string; productId: string; body: ProductPatch }): Promise<Product> {
  return t.call<Product>({ id: "updateProduct", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/products/${encodeURIComponent(args.productId)}`, undefined, args.body);
}

/** deleteProduct (DELETE /v1/tenants/{tenantId}/products/{productId}): Delete a product (its RAG rows stay: deleteRagBySource) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function deleteProduct(t: Transport, args: { tenantId: string; productId: string }): Promise<void> {
  return t.call<void>({ id: "deleteProduct", method: "DELETE", idempotent: false, kind: "empty" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/products/${encodeURIComponent(args.productId)}`, undefined, undefined);
}

/** getKnowledgeDocsByTenant (GET /v1/tenants/{tenantId}/knowledge-docs): The tenant's knowledge docs, oldest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getKnowledgeDocsByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<KnowledgeDoc>> {
  return t.call<Page<KnowledgeDoc>>({ id: "getKnowledgeDocsByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/knowledge-docs`, { limit: args.limit, after: args.after }, undefined);
}

/** searchKnowledgeDocs (GET /v1/tenants/{tenantId}/knowledge-docs/search): Active knowledge docs whose title or content contains q Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function searchKnowledgeDocs(t: Transport, args: { tenantId: string; q?: string; limit?: number; after?: string }): Promise<Page<KnowledgeDoc>> {
  return t.call<Page<KnowledgeDoc>>({ id: "searchKnowledgeDocs", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/knowledge-docs/search`, { q: args.q, limit: args.limit, after: args.after }, undefined);
}

/** createKnowledgeDoc (POST /v1/tenants/{tenantId}/knowledge-docs): Add a knowledge doc Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createKnowledgeDoc(t: Transport, args: { tenantId: string; body: KnowledgeDocInsert }): Promise<KnowledgeDoc> {
  return t.call<KnowledgeDoc>({ id: "createKnowledgeDoc", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/knowledge-docs`, undefined, args.body);
}

/** getKnowledgeDoc (GET /v1/tenants/{tenantId}/knowledge-docs/{knowledgeDocId}): Get a knowledge doc Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getKnowledgeDoc(t: Transport, args: { tenantId: string; knowledgeDocId: string }): Promise<KnowledgeDoc> {
  return t.call<KnowledgeDoc>({ id: "getKnowledgeDoc", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/knowledge-docs/${encodeURIComponent(args.knowledgeDocId)}`, undefined, undefined);
}

/** updateKnowledgeDoc (PATCH /v1/tenants/{tenantId}/knowledge-docs/{knowledgeDocId}): Update a knowledge doc Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function updateKnowledgeDoc(t: Transport, args: { tenantId: string; knowledgeDocId: string; body: KnowledgeDocPatch }): Promise<KnowledgeDoc> {
  return t.call<KnowledgeDoc>({ id: "updateKnowledgeDoc", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/knowledge-docs/${encodeURIComponent(args.knowledgeDocId)}`, undefined, args.body);
}

/** deleteKnowledgeDoc (DELETE /v1/tenants/{tenantId}/knowledge-docs/{knowledgeDocId}): Delete a knowledge doc and its chunks Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function deleteKnowledgeDoc(t: Transport, args: { tenantId: string; knowledgeDocId: string }): Promise<void> {
  return t.call<void>({ id: "deleteKnowledgeDoc", method: "DELETE", idempotent: false, kind: "empty" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/knowledge-docs/${encodeURIComponent(args.knowledgeDocId)}`, undefined, undefined);
}

/** getAiSuggestion (GET /v1/tenants/{tenantId}/ai-suggestions/{suggestionId}): Get an AI suggestion Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getAiSuggestion(t: Transport, args: { tenantId: string; suggestionId: string }): Promise<AiSuggestion> {
  return t.call<AiSuggestion>({ id: "getAiSuggestion", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/ai-suggestions/${encodeURIComponent(args.suggestionId)}`, undefined, undefined);
}

/** getPendingSuggestionByConversation (GET /v1/tenants/{tenantId}/conversations/{conversationId}/ai-suggestions/pending): The conversation's newest pending AI suggestion Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getPendingSuggestionByConversation(t: Transport, args: { tenantId: string; conversationId: string }): Promise<AiSuggestion> {
  return t.call<AiSuggestion>({ id: "getPendingSuggestionByConversation", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}/ai-suggestions/pending`, undefined, undefined);
}

/** getSuggestionsByConversation (GET /v1/tenants/{tenantId}/conversations/{conversationId}/ai-suggestions): A conversation's AI suggestions, newest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getSuggestionsByConversation(t: Transport, args: { tenantId: string; conversationId: string; limit?: number; after?: string }): Promise<Page<AiSuggestion>> {
  return t.call<Page<AiSuggestion>>({ id: "getSuggestionsByConversation", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}/ai-suggestions`, { limit: args.limit, after: args.after }, undefined);
}

/** getSuggestionsByTenant (GET /v1/tenants/{tenantId}/ai-suggestions): The tenant's AI suggestions, newest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getSuggestionsByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<AiSuggestion>> {
  return t.call<Page<AiSuggestion>>({ id: "getSuggestionsByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/ai-suggestions`, { limit: args.limit, after: args.after }, undefined);
}

/** createAiSuggestion (POST /v1/tenants/{tenantId}/conversations/{conversationId}/ai-suggestions): Store an AI suggestion for a conversation Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createAiSuggestion(t: Transport, args: { tenantId: string; conversationId: string; body: AiSuggestionInsertForConversation }): Promise<AiSuggestion> {
  return t.call<AiSuggestion>({ id: "createAiSuggestion", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}/ai-suggestions`, undefined, args.body);
}

/** updateAiSuggestion (PATCH /v1/tenants/{tenantId}/ai-suggestions/{suggestionId}): Update an AI suggestion (e.g. its status) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function updateAiSuggestion(t: Transport, args: { tenantId: string; suggestionId: string; body: AiSuggestionPatch }): Promise<AiSuggestion> {
  return t.call<AiSuggestion>({ id: "updateAiSuggestion", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/ai-suggestions/${encodeURIComponent(args.suggestionId)}`, undefined, args.body);
}

/** createHumanAction (POST /v1/tenants/{tenantId}/ai-suggestions/{suggestionId}/human-actions): Record an operator's action on an AI suggestion Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createHumanAction(t: Transport, args: { tenantId: string; suggestionId: string; body: HumanActionInsertForSuggestion }): Promise<HumanAction> {
  return t.call<HumanAction>({ id: "createHumanAction", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/ai-suggestions/${encodeURIComponent(args.suggestionId)}/human-actions`, undefined, args.body);
}

/** createAiTrainingSample (POST /v1/tenants/{tenantId}/ai-training-samples): Store a training sample Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createAiTrainingSample(t: Transport, args: { tenantId: string; body: AiTrainingSampleInsert }): Promise<AiTrainingSample> {
  return t.call<AiTrainingSample>({ id: "createAiTrainingSample", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/ai-training-samples`, undefined, args.body);
}

/** getAiTrainingSamplesByTenant (GET /v1/tenants/{tenantId}/ai-training-samples): The tenant's training samples, newest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getAiTrainingSamplesByTenant(t: Transport, args: { tenantId: string; outcome?: "APPROVED" | "EDITED" | "REJECTED"; limit?: number; after?: string }): Promise<Page<AiTrainingSample>> {
  return t.call<Page<AiTrainingSample>>({ id: "getAiTrainingSamplesByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/ai-training-samples`, { outcome: args.outcome, limit: args.limit, after: args.after }, undefined);
}

/** getAiTrainingSamplesCount (GET /v1/tenants/{tenantId}/ai-training-samples/count): How many training samples the tenant has Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getAiTrainingSamplesCount(t: Transport, args: { tenantId: string }): Promise<Count> {
  return t.call<Count>({ id: "getAiTrainingSamplesCount", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/ai-training-samples/count`, undefined, undefined);
}

/** getAiTrainingPolicy (GET /v1/tenants/{tenantId}/ai-training-policy): The tenant's AI training policy Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getAiTrainingPolicy(t: Transport, args: { tenantId: string }): Promise<AiTrainingPolicy> {
  return t.call<AiTrainingPolicy>({ id: "getAiTrainingPolicy", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/ai-training-policy`, undefined, undefined);
}

/** upsertAiTrainingPolicy (PUT /v1/tenants/{tenantId}/ai-training-policy): Create or update the tenant's AI training policy (fields absent are left unchanged) Roles: owner, admin, platform_admin, platform_owner, service. */
export function upsertAiTrainingPolicy(t: Transport, args: { tenantId: string; body: AiTrainingPolicyInsert }): Promise<AiTrainingPolicy> {
  return t.call<AiTrainingPolicy>({ id: "upsertAiTrainingPolicy", method: "PUT", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/ai-training-policy`, undefined, args.body);
}

/** createLearningQueueItem (POST /v1/tenants/{tenantId}/learning-queue): Add a conversation to the learning queue Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createLearningQueueItem(t: Transport, args: { tenantId: string; body: LearningQueueItemInsert }): Promise<LearningQueueItem> {
  return t.call<LearningQueueItem>({ id: "createLearningQueueItem", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/learning-queue`, undefined, args.body);
}

/** getLearningQueueByTenant (GET /v1/tenants/{tenantId}/learning-queue): The tenant's pending learning-queue items, highest score first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getLearningQueueByTenant(t: Transport, args: { tenantId: string; minScore?: number; limit?: number; after?: string }): Promise<Page<LearningQueueItem>> {
  return t.call<Page<LearningQueueItem>>({ id: "getLearningQueueByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/learning-queue`, { minScore: args.minScore, limit: args.limit, after: args.after }, undefined);
}

/** getLearningQueueItem (GET /v1/tenants/{tenantId}/conversations/{conversationId}/learning-queue-item): The learning-queue item of a conversation Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getLearningQueueItem(t: Transport, args: { tenantId: string; conversationId: string }): Promise<LearningQueueItem> {
  return t.call<LearningQueueItem>({ id: "getLearningQueueItem", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}/learning-queue-item`, undefined, undefined);
}

/** updateLearningQueueItem (PATCH /v1/tenants/{tenantId}/learning-queue/{learningQueueItemId}): Update a learning-queue item (reviewedAt is set when the status becomes reviewed) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function updateLearningQueueItem(t: Transport, args: { tenantId: string; learningQueueItemId: string; body: LearningQueueItemPatch }): Promise<LearningQueueItem> {
  return t.call<LearningQueueItem>({ id: "updateLearningQueueItem", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/learning-queue/${encodeURIComponent(args.learningQueueItemId)}`, undefined, args.body);
}

/** upsertLearningQueueItem (PUT /v1/tenants/{tenantId}/conversations/{conversationId}/learning-queue-item): Add a conversation to the learning queue, or merge into its item: the higher score, the reasons of both Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function upsertLearningQueueItem(t: Transport, args: { tenantId: string; conversationId: string; body: LearningQueueItemInsertForConversation }): Promise<LearningQueueItem> {
  return t.call<LearningQueueItem>({ id: "upsertLearningQueueItem", method: "PUT", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}/learning-queue-item`, undefined, args.body);
}

/** getEscalationsByTenant (GET /v1/tenants/{tenantId}/escalations): The tenant's escalations, newest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getEscalationsByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<EscalationEvent>> {
  return t.call<Page<EscalationEvent>>({ id: "getEscalationsByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/escalations`, { limit: args.limit, after: args.after }, undefined);
}

/** getRecentEscalations (GET /v1/tenants/{tenantId}/escalations/recent): The tenant's newest escalations Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getRecentEscalations(t: Transport, args: { tenantId: string; limit: number; after?: string }): Promise<Page<EscalationEvent>> {
  return t.call<Page<EscalationEvent>>({ id: "getRecentEscalations", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/escalations/recent`, { limit: args.limit, after: args.after }, undefined);
}

/** getEscalationEvent (GET /v1/tenants/{tenantId}/escalations/{escalationId}): Get an escalation Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getEscalationEvent(t: Transport, args: { tenantId: string; escalationId: string }): Promise<EscalationEvent> {
  return t.call<EscalationEvent>({ id: "getEscalationEvent", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/escalations/${encodeURIComponent(args.escalationId)}`, undefined, undefined);
}

/** createEscalationEvent (POST /v1/tenants/{tenantId}/escalations): Record an escalation of a conversation Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createEscalationEvent(t: Transport, args: { tenantId: string; body: EscalationEventInsert }): Promise<EscalationEvent> {
  return t.call<EscalationEvent>({ id: "createEscalationEvent", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/escalations`, undefined, args.body);
}

/** updateEscalationEvent (PATCH /v1/tenants/{tenantId}/escalations/{escalationId}): Update an escalation (status, handledBy, handledAt, texts) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function updateEscalationEvent(t: Transport, args: { tenantId: string; escalationId: string; body: EscalationEventPatch }): Promise<EscalationEvent> {
  return t.call<EscalationEvent>({ id: "updateEscalationEvent", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/escalations/${encodeURIComponent(args.escalationId)}`, undefined, args.body);
}

/** getTemplatesByTenant (GET /v1/tenants/{tenantId}/response-templates): The tenant's response templates, oldest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getTemplatesByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<ResponseTemplate>> {
  return t.call<Page<ResponseTemplate>>({ id: "getTemplatesByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/response-templates`, { limit: args.limit, after: args.after }, undefined);
}

/** createTemplate (POST /v1/tenants/{tenantId}/response-templates): Add a response template Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createTemplate(t: Transport, args: { tenantId: string; body: ResponseTemplateInsert }): Promise<ResponseTemplate> {
  return t.call<ResponseTemplate>({ id: "createTemplate", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/response-templates`, undefined, args.body);
}

/** getDashboardMetrics (GET /v1/tenants/{tenantId}/dashboard): The tenant's dashboard counts, in one round trip Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getDashboardMetrics(t: Transport, args: { tenantId: string }): Promise<DashboardMetrics> {
  return t.call<DashboardMetrics>({ id: "getDashboardMetrics", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/dashboard`, undefined, undefined);
}

/** getDecisionSettings (GET /v1/tenants/{tenantId}/decision-settings): The tenant's decision-engine thresholds Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getDecisionSettings(t: Transport, args: { tenantId: string }): Promise<DecisionSettings> {
  return t.call<DecisionSettings>({ id: "getDecisionSettings", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/decision-settings`, undefined, undefined);
}

/** upsertDecisionSettings (PUT /v1/tenants/{tenantId}/decision-settings): Create or update the tenant's decision settings (fields absent are left unchanged) Roles: owner, admin, platform_admin, platform_owner, service. */
export function upsertDecisionSettings(t: Transport, args: { tenantId: string; body: DecisionSettingsInsert }): Promise<DecisionSettings> {
  return t.call<DecisionSettings>({ id: "upsertDecisionSettings", method: "PUT", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/decision-settings`, undefined, args.body);
}

/** getHumanDelaySettings (GET /v1/tenants/{tenantId}/human-delay-settings): The tenant's human-like delay settings, or the defaults (not stored) when it has none Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getHumanDelaySettings(t: Transport, args: { tenantId: string }): Promise<HumanDelaySettings> {
  return t.call<HumanDelaySettings>({ id: "getHumanDelaySettings", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/human-delay-settings`, undefined, undefined);
}

/** upsertHumanDelaySettings (PUT /v1/tenants/{tenantId}/human-delay-settings): Create or update the tenant's human-like delay settings (fields absent are left unchanged) Roles: owner, admin, platform_admin, platform_owner, service. */
export function upsertHumanDelaySettings(t: Transport, args: { tenantId: string; body: HumanDelaySettingsInsert }): Promise<HumanDelaySettings> {
  return t.call<HumanDelaySettings>({ id: "upsertHumanDelaySettings", method: "PUT", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/human-delay-settings`, undefined, args.body);
}

/** getOnboardingState (GET /v1/tenants/{tenantId}/onboarding-state): The tenant's onboarding progress Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getOnboardingState(t: Transport, args: { tenantId: string }): Promise<OnboardingState> {
  return t.call<OnboardingState>({ id: "getOnboardingState", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/onboarding-state`, undefined, undefined);
}

/** upsertOnboardingState (PUT /v1/tenants/{tenantId}/onboarding-state): Create or update the tenant's onboarding progress (fields absent are left unchanged) Roles: owner, admin, platform_admin, platform_owner, service. */
export function upsertOnboardingState(t: Transport, args: { tenantId: string; body: OnboardingStateInsert }): Promise<OnboardingState> {
  return t.call<OnboardingState>({ id: "upsertOnboardingState", method: "PUT", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/onboarding-state`, undefined, args.body);
}

/** createReadinessReport (POST /v1/tenants/{tenantId}/readiness-reports): Store a readiness report Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createReadinessReport(t: Transport, args: { tenantId: string; body: ReadinessReportInsert }): Promise<ReadinessReport> {
  return t.call<ReadinessReport>({ id: "createReadinessReport", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/readiness-reports`, undefined, args.body);
}

/** getLatestReadinessReport (GET /v1/tenants/{tenantId}/readiness-reports/latest): The tenant's newest readiness report Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getLatestReadinessReport(t: Transport, args: { tenantId: string }): Promise<ReadinessReport> {
  return t.call<ReadinessReport>({ id: "getLatestReadinessReport", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/readiness-reports/latest`, undefined, undefined);
}

/** createCsatRating (POST /v1/tenants/{tenantId}/csat-ratings): Rate a conversation (1-5) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createCsatRating(t: Transport, args: { tenantId: string; body: CsatRatingInsert }): Promise<CsatRating> {
  return t.call<CsatRating>({ id: "createCsatRating", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/csat-ratings`, undefined, args.body);
}

/** getCsatRatingByConversation (GET /v1/tenants/{tenantId}/conversations/{conversationId}/csat-rating): The rating of a conversation Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getCsatRatingByConversation(t: Transport, args: { tenantId: string; conversationId: string }): Promise<CsatRating> {
  return t.call<CsatRating>({ id: "getCsatRatingByConversation", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}/csat-rating`, undefined, undefined);
}

/** getCsatRatingsByTenant (GET /v1/tenants/{tenantId}/csat-ratings): Ratings, newest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getCsatRatingsByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<CsatRating>> {
  return t.call<Page<CsatRating>>({ id: "getCsatRatingsByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/csat-ratings`, { limit: args.limit, after: args.after }, undefined);
}

/** createConversion (POST /v1/tenants/{tenantId}/conversions): Record the purchase of a conversation (currency RUB unless given) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createConversion(t: Transport, args: { tenantId: string; body: ConversionInsert }): Promise<Conversion> {
  return t.call<Conversion>({ id: "createConversion", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversions`, undefined, args.body);
}

/** getConversionByConversation (GET /v1/tenants/{tenantId}/conversations/{conversationId}/conversion): The purchase recorded for a conversation Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getConversionByConversation(t: Transport, args: { tenantId: string; conversationId: string }): Promise<Conversion> {
  return t.call<Conversion>({ id: "getConversionByConversation", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}/conversion`, undefined, undefined);
}

/** getConversionsByTenant (GET /v1/tenants/{tenantId}/conversions): Purchases, newest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getConversionsByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<Conversion>> {
  return t.call<Page<Conversion>>({ id: "getConversionsByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversions`, { limit: args.limit, after: args.after }, undefined);
}

/** createLostDeal (POST /v1/tenants/{tenantId}/lost-deals): Record why a deal was lost Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createLostDeal(t: Transport, args: { tenantId: string; body: LostDealInsert }): Promise<LostDeal> {
  return t.call<LostDeal>({ id: "createLostDeal", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/lost-deals`, undefined, args.body);
}

/** getLostDealByConversation (GET /v1/tenants/{tenantId}/conversations/{conversationId}/lost-deal): The first lost deal recorded for a conversation Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getLostDealByConversation(t: Transport, args: { tenantId: string; conversationId: string }): Promise<LostDeal> {
  return t.call<LostDeal>({ id: "getLostDealByConversation", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}/lost-deal`, undefined, undefined);
}

/** getLostDealsByTenant (GET /v1/tenants/{tenantId}/lost-deals): Lost deals, newest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getLostDealsByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<LostDeal>> {
  return t.call<Page<LostDeal>>({ id: "getLostDealsByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/lost-deals`, { limit: args.limit, after: args.after }, undefined);
}

/** getCustomersCount (GET /v1/tenants/{tenantId}/customers/count): How many customers Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getCustomersCount(t: Transport, args: { tenantId: string }): Promise<Count> {
  return t.call<Count>({ id: "getCustomersCount", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customers/count`, undefined, undefined);
}

/** getCustomerNotesCount (GET /v1/tenants/{tenantId}/customer-notes/count): How many notes the tenant's customers have Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getCustomerNotesCount(t: Transport, args: { tenantId: string }): Promise<Count> {
  return t.call<Count>({ id: "getCustomerNotesCount", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customer-notes/count`, undefined, undefined);
}

/** getCustomerMemoryCount (GET /v1/tenants/{tenantId}/customer-memory/count): How many customers have an AI memory row Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getCustomerMemoryCount(t: Transport, args: { tenantId: string }): Promise<Count> {
  return t.call<Count>({ id: "getCustomerMemoryCount", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customer-memory/count`, undefined, undefined);
}

/** createRagDocument (POST /v1/tenants/{tenantId}/rag-documents): Index a product or knowledge doc Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createRagDocument(t: Transport, args: { tenantId: string; body: RagDocumentInsert }): Promise<RagDocument> {
  return t.call<RagDocument>({ id: "createRagDocument", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/rag-documents`, undefined, args.body);
}

/** deleteRagBySource (DELETE /v1/tenants/{tenantId}/rag-documents): Delete the documents of a source (and their chunks) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function deleteRagBySource(t: Transport, args: { tenantId: string; type: "PRODUCT" | "DOC"; sourceId: string }): Promise<RagSourceDeleted> {
  return t.call<RagSourceDeleted>({ id: "deleteRagBySource", method: "DELETE", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/rag-documents`, { type: args.type, sourceId: args.sourceId }, undefined);
}

/** createRagChunk (POST /v1/tenants/{tenantId}/rag-documents/{ragDocumentId}/chunks): Add a chunk to a document Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createRagChunk(t: Transport, args: { tenantId: string; ragDocumentId: string; body: RagChunkInsertForRagDocument }): Promise<RagChunk> {
  return t.call<RagChunk>({ id: "createRagChunk", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/rag-documents/${encodeURIComponent(args.ragDocumentId)}/chunks`, undefined, args.body);
}

/** updateRagChunkEmbedding (PUT /v1/tenants/{tenantId}/rag-chunks/{ragChunkId}/embedding): Set a chunk's embedding Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function updateRagChunkEmbedding(t: Transport, args: { tenantId: string; ragChunkId: string; body: RagChunkEmbedding }): Promise<void> {
  return t.call<void>({ id: "updateRagChunkEmbedding", method: "PUT", idempotent: false, kind: "empty" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/rag-chunks/${encodeURIComponent(args.ragChunkId)}/embedding`, undefined, args.body);
}

/** getRagChunksBySource (GET /v1/tenants/{tenantId}/rag-chunks): The chunks of a source's documents, oldest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getRagChunksBySource(t: Transport, args: { tenantId: string; type: "PRODUCT" | "DOC"; sourceId: string; limit?: number; after?: string }): Promise<Page<RagSourceChunk>> {
  return t.call<Page<RagSourceChunk>>({ id: "getRagChunksBySource", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/rag-chunks`, { type: args.type, sourceId: args.sourceId, limit: args.limit, after: args.after }, undefined);
}

/** getRagChunksWithoutEmbedding (GET /v1/tenants/{tenantId}/rag-chunks/without-embedding): Up to limit chunks that have no embedding yet, oldest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getRagChunksWithoutEmbedding(t: Transport, args: { tenantId: string; limit?: number }): Promise<Page<RagChunkText>> {
  return t.call<Page<RagChunkText>>({ id: "getRagChunksWithoutEmbedding", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/rag-chunks/without-embedding`, { limit: args.limit }, undefined);
}

/** getRagChunksWithStaleHash (GET /v1/tenants/{tenantId}/rag-chunks/stale-hash): Up to limit embedded chunks whose text no longer has their content hash (of the oldest limit x 10) Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getRagChunksWithStaleHash(t: Transport, args: { tenantId: string; limit?: number }): Promise<Page<RagStaleChunk>> {
  return t.call<Page<RagStaleChunk>>({ id: "getRagChunksWithStaleHash", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/rag-chunks/stale-hash`, { limit: args.limit }, undefined);
}

/** invalidateStaleEmbeddings (POST /v1/tenants/{tenantId}/rag-chunks/invalidate-stale): Clear the embeddings of up to 1000 stale chunks (of the oldest 10,000 embedded) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function invalidateStaleEmbeddings(t: Transport, args: { tenantId: string }): Promise<RagEmbeddingsInvalidated> {
  return t.call<RagEmbeddingsInvalidated>({ id: "invalidateStaleEmbeddings", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/rag-chunks/invalidate-stale`, undefined, undefined);
}

/** getAllRagChunksWithEmbedding (GET /v1/tenants/{tenantId}/rag-chunks/embedded): The embedded chunks with their embeddings as stored, oldest first, in pages Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getAllRagChunksWithEmbedding(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<RagEmbeddedChunk>> {
  return t.call<Page<RagEmbeddedChunk>>({ id: "getAllRagChunksWithEmbedding", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/rag-chunks/embedded`, { limit: args.limit, after: args.after }, undefined);
}

/** searchRagChunks (POST /v1/tenants/{tenantId}/rag-chunks/search): The tenant's embedded chunks most similar to an embedding (cosine), most similar first Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function searchRagChunks(t: Transport, args: { tenantId: string; body: RagChunkSearch }): Promise<Page<RagChunkMatch>> {
  return t.call<Page<RagChunkMatch>>({ id: "searchRagChunks", method: "POST", idempotent: false, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/rag-chunks/search`, undefined, args.body);
}

/** getUpdateHistory (GET /v1/platform/update-history): Uploaded updates, newest first Roles: platform_admin, platform_owner, service. */
export function getUpdateHistory(t: Transport, args: { limit?: number; after?: string }): Promise<Page<UpdateHistory>> {
  return t.call<Page<UpdateHistory>>({ id: "getUpdateHistory", method: "GET", idempotent: true, kind: "page" }, `/v1/platform/update-history`, { limit: args.limit, after: args.after }, undefined);
}

/** getUpdateById (GET /v1/platform/update-history/{updateId}): Get an update Roles: platform_admin, platform_owner, service. */
export function getUpdateById(t: Transport, args: { updateId: string }): Promise<UpdateHistory> {
  return t.call<UpdateHistory>({ id: "getUpdateById", method: "GET", idempotent: true, kind: "json" }, `/v1/platform/update-history/${encodeURIComponent(args.updateId)}`, undefined, undefined);
}

/** createUpdate (POST /v1/platform/update-history): Record an uploaded update Roles: platform_admin, platform_owner, service. */
export function createUpdate(t: Transport, args: { body: UpdateHistoryInsert }): Promise<UpdateHistory> {
  return t.call<UpdateHistory>({ id: "createUpdate", method: "POST", idempotent: false, kind: "json" }, `/v1/platform/update-history`, undefined, args.body);
}

/** updateUpdateStatus (PUT /v1/platform/update-history/{updateId}/status): Set an update's status (appliedAt is set when it becomes applied) Roles: platform_admin, platform_owner, service. */
export function updateUpdateStatus(t: Transport, args: { updateId: string; body: UpdateStatusChange }): Promise<UpdateHistory> {
  return t.call<UpdateHistory>({ id: "updateUpdateStatus", method: "PUT", idempotent: false, kind: "json" }, `/v1/platform/update-history/${encodeURIComponent(args.updateId)}/status`, undefined, args.body);
}

/** setUpdateBackupPath (PUT /v1/platform/update-history/{updateId}/backup-path): Record where an update's backup is Roles: platform_admin, platform_owner, service. */
export function setUpdateBackupPath(t: Transport, args: { updateId: string; body: UpdateBackupPath }): Promise<UpdateHistory> {
  return t.call<UpdateHistory>({ id: "setUpdateBackupPath", method: "PUT", idempotent: false, kind: "json" }, `/v1/platform/update-history/${encodeURIComponent(args.updateId)}/backup-path`, undefined, args.body);
}

/** getCurrentVersion (GET /v1/platform/current-version): The version of the newest applied update Roles: platform_admin, platform_owner, service. */
export function getCurrentVersion(t: Transport, args: Record<string, never> = {}): Promise<CurrentVersion> {
  return t.call<CurrentVersion>({ id: "getCurrentVersion", method: "GET", idempotent: true, kind: "json" }, `/v1/platform/current-version`, undefined, undefined);
}

/** getVehicleLookupCacheByKey (GET /v1/platform/vehicle-lookup-cache/by-key): The cache entry of a lookup key Roles: platform_admin, platform_owner, service. */
export function getVehicleLookupCacheByKey(t: Transport, args: { lookupKey: string }): Promise<VehicleLookupCache> {
  return t.call<VehicleLookupCache>({ id: "getVehicleLookupCacheByKey", method: "GET", idempotent: true, kind: "json" }, `/v1/platform/vehicle-lookup-cache/by-key`, { lookupKey: args.lookupKey }, undefined);
}

/** upsertVehicleLookupCache (POST /v1/platform/vehicle-lookup-cache): Store the cache entry of a lookup key, replacing an existing one Roles: platform_admin, platform_owner, service. */
export function upsertVehicleLookupCache(t: Transport, args: { body: VehicleLookupCacheInsert }): Promise<VehicleLookupCache> {
  return t.call<VehicleLookupCache>({ id: "upsertVehicleLookupCache", method: "POST", idempotent: false, kind: "json" }, `/v1/platform/vehicle-lookup-cache`, undefined, args.body);
}

/** createVehicleLookupCase (POST /v1/tenants/{tenantId}/vehicle-lookup-cases): Open a lookup case Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createVehicleLookupCase(t: Transport, args: { tenantId: string; body: VehicleLookupCaseInsert }): Promise<VehicleLookupCase> {
  return t.call<VehicleLookupCase>({ id: "createVehicleLookupCase", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/vehicle-lookup-cases`, undefined, args.body);
}

/** getVehicleLookupCaseById (GET /v1/tenants/{tenantId}/vehicle-lookup-cases/{caseId}): Get a lookup case Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getVehicleLookupCaseById(t: Transport, args: { tenantId: string; caseId: string }): Promise<VehicleLookupCase> {
  return t.call<VehicleLookupCase>({ id: "getVehicleLookupCaseById", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/vehicle-lookup-cases/${encodeURIComponent(args.caseId)}`, undefined, undefined);
}

/** getLatestVehicleLookupCaseByConversation (GET /v1/tenants/{tenantId}/conversations/{conversationId}/vehicle-lookup-cases/latest): A conversation's newest lookup case Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getLatestVehicleLookupCaseByConversation(t: Transport, args: { tenantId: string; conversationId: string }): Promise<VehicleLookupCase> {
  return t.call<VehicleLookupCase>({ id: "getLatestVehicleLookupCaseByConversation", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}/vehicle-lookup-cases/latest`, undefined, undefined);
}

/** findActiveVehicleLookupCase (GET /v1/tenants/{tenantId}/conversations/{conversationId}/vehicle-lookup-cases/active): The newest pending or running case of a conversation for a value, opened in the last 5 minutes Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function findActiveVehicleLookupCase(t: Transport, args: { tenantId: string; conversationId: string; normalizedValue: string }): Promise<VehicleLookupCase> {
  return t.call<VehicleLookupCase>({ id: "findActiveVehicleLookupCase", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/conversations/${encodeURIComponent(args.conversationId)}/vehicle-lookup-cases/active`, { normalizedValue: args.normalizedValue }, undefined);
}

/** linkCaseToCache (PUT /v1/tenants/{tenantId}/vehicle-lookup-cases/{caseId}/cache/{cacheId}): Link a lookup case to its cache entry Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function linkCaseToCache(t: Transport, args: { tenantId: string; caseId: string; cacheId: string }): Promise<void> {
  return t.call<void>({ id: "linkCaseToCache", method: "PUT", idempotent: false, kind: "empty" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/vehicle-lookup-cases/${encodeURIComponent(args.caseId)}/cache/${encodeURIComponent(args.cacheId)}`, undefined, undefined);
}

/** updateVehicleLookupCaseStatus (PATCH /v1/tenants/{tenantId}/vehicle-lookup-cases/{caseId}/status): Change a lookup case's status, verification status, error or cache entry Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function updateVehicleLookupCaseStatus(t: Transport, args: { tenantId: string; caseId: string; body: VehicleLookupCaseStatusUpdate }): Promise<VehicleLookupCase> {
  return t.call<VehicleLookupCase>({ id: "updateVehicleLookupCaseStatus", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/vehicle-lookup-cases/${encodeURIComponent(args.caseId)}/status`, undefined, args.body);
}

/** createPriceSnapshot (POST /v1/tenants/{tenantId}/price-snapshots): Store a price snapshot of the tenant (searchKey defaults to oem) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createPriceSnapshot(t: Transport, args: { tenantId: string; body: PriceSnapshotInsert }): Promise<PriceSnapshot> {
  return t.call<PriceSnapshot>({ id: "createPriceSnapshot", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/price-snapshots`, undefined, args.body);
}

/** createGlobalPriceSnapshot (POST /v1/service/price-snapshots): Store a global price snapshot, shared by every tenant (searchKey defaults to oem) Roles: service. */
export function createGlobalPriceSnapshot(t: Transport, args: { body: PriceSnapshotInsert }): Promise<PriceSnapshot> {
  return t.call<PriceSnapshot>({ id: "createGlobalPriceSnapshot", method: "POST", idempotent: false, kind: "json" }, `/v1/service/price-snapshots`, undefined, args.body);
}

/** getLatestPriceSnapshot (GET /v1/tenants/{tenantId}/price-snapshots/latest): The newest fresh snapshot of an OEM, the tenant's or a global one Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getLatestPriceSnapshot(t: Transport, args: { tenantId: string; oem: string; maxAgeDays?: number }): Promise<PriceSnapshot> {
  return t.call<PriceSnapshot>({ id: "getLatestPriceSnapshot", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/price-snapshots/latest`, { oem: args.oem, maxAgeDays: args.maxAgeDays }, undefined);
}

/** getGlobalPriceSnapshot (GET /v1/platform/price-snapshots/global): The newest fresh global snapshot of an OEM (at most 7 days old without expiresAt) Roles: platform_admin, platform_owner, service. */
export function getGlobalPriceSnapshot(t: Transport, args: { oem: string }): Promise<PriceSnapshot> {
  return t.call<PriceSnapshot>({ id: "getGlobalPriceSnapshot", method: "GET", idempotent: true, kind: "json" }, `/v1/platform/price-snapshots/global`, { oem: args.oem }, undefined);
}

/** getPriceSnapshotsByOem (GET /v1/tenants/{tenantId}/price-snapshots): Snapshots of an OEM, newest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getPriceSnapshotsByOem(t: Transport, args: { tenantId: string; oem?: string; limit?: number; after?: string }): Promise<Page<PriceSnapshot>> {
  return t.call<Page<PriceSnapshot>>({ id: "getPriceSnapshotsByOem", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/price-snapshots`, { oem: args.oem, limit: args.limit, after: args.after }, undefined);
}

/** upsertInternalPrice (POST /v1/tenants/{tenantId}/internal-prices): Set an internal price (per OEM, condition and supplier) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function upsertInternalPrice(t: Transport, args: { tenantId: string; body: InternalPriceInsert }): Promise<InternalPrice> {
  return t.call<InternalPrice>({ id: "upsertInternalPrice", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/internal-prices`, undefined, args.body);
}

/** getInternalPricesByOem (GET /v1/tenants/{tenantId}/internal-prices): Internal prices of an OEM Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getInternalPricesByOem(t: Transport, args: { tenantId: string; oem?: string; limit?: number; after?: string }): Promise<Page<InternalPrice>> {
  return t.call<Page<InternalPrice>>({ id: "getInternalPricesByOem", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/internal-prices`, { oem: args.oem, limit: args.limit, after: args.after }, undefined);
}

/** getTelegramAccountsByTenant (GET /v1/tenants/{tenantId}/telegram-accounts): The tenant's Telegram accounts, newest first Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getTelegramAccountsByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<TelegramSession>> {
  return t.call<Page<TelegramSession>>({ id: "getTelegramAccountsByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/telegram-accounts`, { limit: args.limit, after: args.after }, undefined);
}

/** getTelegramAccountById (GET /v1/tenants/{tenantId}/telegram-accounts/{accountId}): Get a Telegram account Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getTelegramAccountById(t: Transport, args: { tenantId: string; accountId: string }): Promise<TelegramSession> {
  return t.call<TelegramSession>({ id: "getTelegramAccountById", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/telegram-accounts/${encodeURIComponent(args.accountId)}`, undefined, undefined);
}

/** getActiveTelegramAccounts (GET /v1/platform/telegram-accounts/active): Active, enabled Telegram accounts of every tenant, oldest first Roles: platform_admin, platform_owner, service. */
export function getActiveTelegramAccounts(t: Transport, args: { limit?: number; after?: string }): Promise<Page<TelegramSession>> {
  return t.call<Page<TelegramSession>>({ id: "getActiveTelegramAccounts", method: "GET", idempotent: true, kind: "page" }, `/v1/platform/telegram-accounts/active`, { limit: args.limit, after: args.after }, undefined);
}

/** createTelegramAccount (POST /v1/tenants/{tenantId}/telegram-accounts): Add a Telegram account (its session string is stored encrypted) Roles: owner, admin, platform_admin, platform_owner, service. */
export function createTelegramAccount(t: Transport, args: { tenantId: string; body: TelegramSessionInsert }): Promise<TelegramSession> {
  return t.call<TelegramSession>({ id: "createTelegramAccount", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/telegram-accounts`, undefined, args.body);
}

/** updateTelegramAccount (PATCH /v1/tenants/{tenantId}/telegram-accounts/{accountId}): Change a Telegram account (a new session string is stored encrypted) Roles: owner, admin, platform_admin, platform_owner, service. */
export function updateTelegramAccount(t: Transport, args: { tenantId: string; accountId: string; body: TelegramSessionPatch }): Promise<TelegramSession> {
  return t.call<TelegramSession>({ id: "updateTelegramAccount", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/telegram-accounts/${encodeURIComponent(args.accountId)}`, undefined, args.body);
}

/** deleteTelegramAccount (DELETE /v1/tenants/{tenantId}/telegram-accounts/{accountId}): Delete a Telegram account Roles: owner, admin, platform_admin, platform_owner, service. */
export function deleteTelegramAccount(t: Transport, args: { tenantId: string; accountId: string }): Promise<void> {
  return t.call<void>({ id: "deleteTelegramAccount", method: "DELETE", idempotent: false, kind: "empty" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/telegram-accounts/${encodeURIComponent(args.accountId)}`, undefined, undefined);
}

/** getMessageTemplatesByTenant (GET /v1/tenants/{tenantId}/message-templates): The tenant's message templates, by order Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getMessageTemplatesByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<MessageTemplate>> {
  return t.call<Page<MessageTemplate>>({ id: "getMessageTemplatesByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/message-templates`, { limit: args.limit, after: args.after }, undefined);
}

/** getActiveMessageTemplateByType (GET /v1/tenants/{tenantId}/message-templates/active/{templateType}): The active template of a type with the lowest order Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getActiveMessageTemplateByType(t: Transport, args: { tenantId: string; templateType: "price_result" | "price_options" | "payment_options" | "tag_request" | "not_found" }): Promise<MessageTemplate> {
  return t.call<MessageTemplate>({ id: "getActiveMessageTemplateByType", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/message-templates/active/${encodeURIComponent(args.templateType)}`, undefined, undefined);
}

/** getMessageTemplate (GET /v1/tenants/{tenantId}/message-templates/{messageTemplateId}): Get a message template Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getMessageTemplate(t: Transport, args: { tenantId: string; messageTemplateId: string }): Promise<MessageTemplate> {
  return t.call<MessageTemplate>({ id: "getMessageTemplate", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/message-templates/${encodeURIComponent(args.messageTemplateId)}`, undefined, undefined);
}

/** createMessageTemplate (POST /v1/tenants/{tenantId}/message-templates): Add a message template Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createMessageTemplate(t: Transport, args: { tenantId: string; body: MessageTemplateInsert }): Promise<MessageTemplate> {
  return t.call<MessageTemplate>({ id: "createMessageTemplate", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/message-templates`, undefined, args.body);
}

/** updateMessageTemplate (PATCH /v1/tenants/{tenantId}/message-templates/{messageTemplateId}): Update a message template Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function updateMessageTemplate(t: Transport, args: { tenantId: string; messageTemplateId: string; body: MessageTemplatePatch }): Promise<MessageTemplate> {
  return t.call<MessageTemplate>({ id: "updateMessageTemplate", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/message-templates/${encodeURIComponent(args.messageTemplateId)}`, undefined, args.body);
}

/** deleteMessageTemplate (DELETE /v1/tenants/{tenantId}/message-templates/{messageTemplateId}): Delete a message template Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function deleteMessageTemplate(t: Transport, args: { tenantId: string; messageTemplateId: string }): Promise<void> {
  return t.call<void>({ id: "deleteMessageTemplate", method: "DELETE", idempotent: false, kind: "empty" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/message-templates/${encodeURIComponent(args.messageTemplateId)}`, undefined, undefined);
}

/** seedDefaultTemplates (POST /v1/tenants/{tenantId}/message-templates/seed-defaults): Add the three default templates the tenant does not have yet (idempotent) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function seedDefaultTemplates(t: Transport, args: { tenantId: string }): Promise<void> {
  return t.call<void>({ id: "seedDefaultTemplates", method: "POST", idempotent: false, kind: "empty" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/message-templates/seed-defaults`, undefined, undefined);
}

/** getPaymentMethodsByTenant (GET /v1/tenants/{tenantId}/payment-methods): The tenant's payment methods, by order Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getPaymentMethodsByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<PaymentMethod>> {
  return t.call<Page<PaymentMethod>>({ id: "getPaymentMethodsByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/payment-methods`, { limit: args.limit, after: args.after }, undefined);
}

/** getActivePaymentMethods (GET /v1/tenants/{tenantId}/payment-methods/active): The tenant's active payment methods, by order Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getActivePaymentMethods(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<PaymentMethod>> {
  return t.call<Page<PaymentMethod>>({ id: "getActivePaymentMethods", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/payment-methods/active`, { limit: args.limit, after: args.after }, undefined);
}

/** getPaymentMethod (GET /v1/tenants/{tenantId}/payment-methods/{paymentMethodId}): Get a payment method Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getPaymentMethod(t: Transport, args: { tenantId: string; paymentMethodId: string }): Promise<PaymentMethod> {
  return t.call<PaymentMethod>({ id: "getPaymentMethod", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/payment-methods/${encodeURIComponent(args.paymentMethodId)}`, undefined, undefined);
}

/** createPaymentMethod (POST /v1/tenants/{tenantId}/payment-methods): Add a payment method Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function createPaymentMethod(t: Transport, args: { tenantId: string; body: PaymentMethodInsert }): Promise<PaymentMethod> {
  return t.call<PaymentMethod>({ id: "createPaymentMethod", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/payment-methods`, undefined, args.body);
}

/** updatePaymentMethod (PATCH /v1/tenants/{tenantId}/payment-methods/{paymentMethodId}): Update a payment method Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function updatePaymentMethod(t: Transport, args: { tenantId: string; paymentMethodId: string; body: PaymentMethodPatch }): Promise<PaymentMethod> {
  return t.call<PaymentMethod>({ id: "updatePaymentMethod", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/payment-methods/${encodeURIComponent(args.paymentMethodId)}`, undefined, args.body);
}

/** deletePaymentMethod (DELETE /v1/tenants/{tenantId}/payment-methods/{paymentMethodId}): Delete a payment method Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function deletePaymentMethod(t: Transport, args: { tenantId: string; paymentMethodId: string }): Promise<void> {
  return t.call<void>({ id: "deletePaymentMethod", method: "DELETE", idempotent: false, kind: "empty" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/payment-methods/${encodeURIComponent(args.paymentMethodId)}`, undefined, undefined);
}

/** reorderPaymentMethods (POST /v1/tenants/{tenantId}/payment-methods/reorder): Set the order of the listed payment methods, all or none (an array of {id, order}) Roles: owner, admin, operator, platform_admin, platform_owner, service. */
export function reorderPaymentMethods(t: Transport, args: { tenantId: string; body: PaymentMethodOrder[] }): Promise<void> {
  return t.call<void>({ id: "reorderPaymentMethods", method: "POST", idempotent: false, kind: "empty" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/payment-methods/reorder`, undefined, args.body);
}

/** getTenantAgentSettings (GET /v1/tenants/{tenantId}/agent-settings): The tenant's AI sales-agent settings Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getTenantAgentSettings(t: Transport, args: { tenantId: string }): Promise<TenantAgentSettings> {
  return t.call<TenantAgentSettings>({ id: "getTenantAgentSettings", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/agent-settings`, undefined, undefined);
}

/** upsertTenantAgentSettings (PUT /v1/tenants/{tenantId}/agent-settings): Create or update the tenant's AI sales-agent settings (fields absent are left unchanged) Roles: owner, admin, platform_admin, platform_owner, service. */
export function upsertTenantAgentSettings(t: Transport, args: { tenantId: string; body: TenantAgentSettingsInsert }): Promise<TenantAgentSettings> {
  return t.call<TenantAgentSettings>({ id: "upsertTenantAgentSettings", method: "PUT", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/agent-settings`, undefined, args.body);
}

/** ensurePlanExists (POST /v1/platform/plans/ensure): The active plan; the given plan is created when there is none Roles: platform_admin, platform_owner, service. */
export function ensurePlanExists(t: Transport, args: { body: PlanToEnsure }): Promise<Plan> {
  return t.call<Plan>({ id: "ensurePlanExists", method: "POST", idempotent: false, kind: "json" }, `/v1/platform/plans/ensure`, undefined, args.body);
}

/** getSubscriptionByTenant (GET /v1/tenants/{tenantId}/subscription): The tenant's subscription Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getSubscriptionByTenant(t: Transport, args: { tenantId: string }): Promise<Subscription> {
  return t.call<Subscription>({ id: "getSubscriptionByTenant", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/subscription`, undefined, undefined);
}

/** hasActiveGrant (GET /v1/tenants/{tenantId}/subscription-grants/active): Whether a grant gives the tenant free access now Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function hasActiveGrant(t: Transport, args: { tenantId: string }): Promise<ActiveGrant> {
  return t.call<ActiveGrant>({ id: "hasActiveGrant", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/subscription-grants/active`, undefined, undefined);
}

/** getBillingStatus (GET /v1/tenants/{tenantId}/billing-status): The subscription state and whether the tenant may use the product now Roles: owner, admin, operator, viewer, guest, platform_admin, platform_owner, service. */
export function getBillingStatus(t: Transport, args: { tenantId: string }): Promise<BillingStatus> {
  return t.call<BillingStatus>({ id: "getBillingStatus", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/billing-status`, undefined, undefined);
}

/** startTrial (POST /v1/tenants/{tenantId}/subscription/trial): Start the tenant's 72-hour trial (once per tenant: 409 when it had one or has a subscription) Roles: owner, admin, platform_admin, platform_owner, service. */
export function startTrial(t: Transport, args: { tenantId: string }): Promise<Subscription> {
  return t.call<Subscription>({ id: "startTrial", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/subscription/trial`, undefined, undefined);
}

/** createExpiredSubscription (POST /v1/tenants/{tenantId}/subscription/expired): Mark the tenant's subscription expired, its trial used (fraud prevention) Roles: platform_admin, platform_owner, service. */
export function createExpiredSubscription(t: Transport, args: { tenantId: string }): Promise<Subscription> {
  return t.call<Subscription>({ id: "createExpiredSubscription", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/subscription/expired`, undefined, undefined);
}

/** createInvoice (POST /v1/tenants/{tenantId}/subscription/invoice): Record a CryptoBot invoice: the subscription becomes incomplete (409 when it is active) Roles: owner, admin, platform_admin, platform_owner, service. */
export function createInvoice(t: Transport, args: { tenantId: string; body: SubscriptionInvoice }): Promise<Subscription> {
  return t.call<Subscription>({ id: "createInvoice", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/subscription/invoice`, undefined, args.body);
}

/** refreshExpiredSubscriptions (POST /v1/platform/subscriptions/refresh-expired): Expire ended trials and end lapsed periods, across tenants (safe to run from several replicas) Roles: platform_admin, platform_owner, service. */
export function refreshExpiredSubscriptions(t: Transport, args: Record<string, never> = {}): Promise<RefreshedSubscriptions> {
  return t.call<RefreshedSubscriptions>({ id: "refreshExpiredSubscriptions", method: "POST", idempotent: false, kind: "json" }, `/v1/platform/subscriptions/refresh-expired`, undefined, undefined);
}

/** cancelSubscription (POST /v1/tenants/{tenantId}/subscription/cancel): Cancel the subscription at the end of its period Roles: owner, admin, platform_admin, platform_owner, service. */
export function cancelSubscription(t: Transport, args: { tenantId: string }): Promise<Subscription> {
  return t.call<Subscription>({ id: "cancelSubscription", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/subscription/cancel`, undefined, undefined);
}

/** syncStripeSubscription (PUT /v1/tenants/{tenantId}/subscription): Store a Stripe subscription's state from a webhook event (insert or update; absent fields unchanged) Roles: service. */
export function syncStripeSubscription(t: Transport, args: { tenantId: string; body: StripeSubscriptionSync }): Promise<Subscription> {
  return t.call<Subscription>({ id: "syncStripeSubscription", method: "PUT", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/subscription`, undefined, args.body);
}

/** getGrantsByTenant (GET /v1/tenants/{tenantId}/subscription-grants): The tenant's grants, newest first Roles: platform_admin, platform_owner. */
export function getGrantsByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<SubscriptionGrant>> {
  return t.call<Page<SubscriptionGrant>>({ id: "getGrantsByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/subscription-grants`, { limit: args.limit, after: args.after }, undefined);
}

/** createGrant (POST /v1/tenants/{tenantId}/subscription-grants): Grant the tenant free access for at most 365 days (recorded) Roles: platform_admin, platform_owner. */
export function createGrant(t: Transport, args: { tenantId: string; body: SubscriptionGrantInsert }): Promise<SubscriptionGrant> {
  return t.call<SubscriptionGrant>({ id: "createGrant", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/subscription-grants`, undefined, args.body);
}

/** revokeGrant (POST /v1/tenants/{tenantId}/subscription-grants/{grantId}/revoke): Revoke a grant (recorded; revoking a revoked grant changes nothing) Roles: platform_admin, platform_owner. */
export function revokeGrant(t: Transport, args: { tenantId: string; grantId: string; body: AdminReason }): Promise<SubscriptionGrant> {
  return t.call<SubscriptionGrant>({ id: "revokeGrant", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/subscription-grants/${encodeURIComponent(args.grantId)}/revoke`, undefined, args.body);
}

/** restrictTenant (POST /v1/tenants/{tenantId}/restrict): Restrict the tenant (recorded) Roles: platform_admin, platform_owner. */
export function restrictTenant(t: Transport, args: { tenantId: string; body: AdminReason }): Promise<Tenant> {
  return t.call<Tenant>({ id: "restrictTenant", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/restrict`, undefined, args.body);
}

/** unrestrictTenant (POST /v1/tenants/{tenantId}/unrestrict): Lift the tenant's restriction (recorded) Roles: platform_admin, platform_owner. */
export function unrestrictTenant(t: Transport, args: { tenantId: string; body: AdminReason }): Promise<Tenant> {
  return t.call<Tenant>({ id: "unrestrictTenant", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/unrestrict`, undefined, args.body);
}

/** disableUser (POST /v1/platform/users/{userId}/disable): Disable a user's login (recorded) Roles: platform_admin, platform_owner. */
export function disableUser(t: Transport, args: { userId: string; body: AdminReason }): Promise<User> {
  return t.call<User>({ id: "disableUser", method: "POST", idempotent: false, kind: "json" }, `/v1/platform/users/${encodeURIComponent(args.userId)}/disable`, undefined, args.body);
}

/** enableUser (POST /v1/platform/users/{userId}/enable): Enable a disabled user (recorded) Roles: platform_admin, platform_owner. */
export function enableUser(t: Transport, args: { userId: string; body: AdminReason }): Promise<User> {
  return t.call<User>({ id: "enableUser", method: "POST", idempotent: false, kind: "json" }, `/v1/platform/users/${encodeURIComponent(args.userId)}/enable`, undefined, args.body);
}

/** promotePlatformAdmin (POST /v1/platform/users/{userId}/promote): Make a user a platform admin (platform owner; recorded) Roles: platform_owner. */
export function promotePlatformAdmin(t: Transport, args: { userId: string; body: AdminReason }): Promise<User> {
  return t.call<User>({ id: "promotePlatformAdmin", method: "POST", idempotent: false, kind: "json" }, `/v1/platform/users/${encodeURIComponent(args.userId)}/promote`, undefined, args.body);
}

/** demotePlatformAdmin (POST /v1/platform/users/{userId}/demote): Take a user's platform-admin rights (platform owner; recorded) Roles: platform_owner. */
export function demotePlatformAdmin(t: Transport, args: { userId: string; body: AdminReason }): Promise<User> {
  return t.call<User>({ id: "demotePlatformAdmin", method: "POST", idempotent: false, kind: "json" }, `/v1/platform/users/${encodeURIComponent(args.userId)}/demote`, undefined, args.body);
}

/** getMaxPersonalAccountsByTenant (GET /v1/tenants/{tenantId}/max-personal-accounts): The tenant's MAX Personal accounts Roles: platform_admin, platform_owner, service. */
export function getMaxPersonalAccountsByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<MaxPersonalAccount>> {
  return t.call<Page<MaxPersonalAccount>>({ id: "getMaxPersonalAccountsByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/max-personal-accounts`, { limit: args.limit, after: args.after }, undefined);
}

/** createMaxPersonalAccount (POST /v1/tenants/{tenantId}/max-personal-accounts): Add a validated GREEN-API instance (at most 5 per tenant, one row per idInstance); status authorized Roles: platform_admin, platform_owner, service. */
export function createMaxPersonalAccount(t: Transport, args: { tenantId: string; body: MaxPersonalAccountInsert }): Promise<MaxPersonalAccount> {
  return t.call<MaxPersonalAccount>({ id: "createMaxPersonalAccount", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/max-personal-accounts`, undefined, args.body);
}

/** getAuthorizedMaxPersonalAccount (GET /v1/tenants/{tenantId}/max-personal-accounts/authorized): The tenant's oldest authorized account (the one messages are sent through) Roles: platform_admin, platform_owner, service. */
export function getAuthorizedMaxPersonalAccount(t: Transport, args: { tenantId: string }): Promise<MaxPersonalAccount> {
  return t.call<MaxPersonalAccount>({ id: "getAuthorizedMaxPersonalAccount", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/max-personal-accounts/authorized`, undefined, undefined);
}

/** getMaxPersonalAccountByAccountId (GET /v1/tenants/{tenantId}/max-personal-accounts/{accountId}): An account by its public id (the webhook URL's), 404 when the tenant has none Roles: platform_admin, platform_owner, service. */
export function getMaxPersonalAccountByAccountId(t: Transport, args: { tenantId: string; accountId: string }): Promise<MaxPersonalAccount> {
  return t.call<MaxPersonalAccount>({ id: "getMaxPersonalAccountByAccountId", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/max-personal-accounts/${encodeURIComponent(args.accountId)}`, undefined, undefined);
}

/** updateMaxPersonalAccountLabel (PATCH /v1/tenants/{tenantId}/max-personal-accounts/{accountId}): Change an account's label Roles: platform_admin, platform_owner, service. */
export function updateMaxPersonalAccountLabel(t: Transport, args: { tenantId: string; accountId: string; body: MaxPersonalAccountLabel }): Promise<MaxPersonalAccount> {
  return t.call<MaxPersonalAccount>({ id: "updateMaxPersonalAccountLabel", method: "PATCH", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/max-personal-accounts/${encodeURIComponent(args.accountId)}`, undefined, args.body);
}

/** deleteMaxPersonalAccount (DELETE /v1/tenants/{tenantId}/max-personal-accounts/{accountId}): Remove an account Roles: platform_admin, platform_owner, service. */
export function deleteMaxPersonalAccount(t: Transport, args: { tenantId: string; accountId: string }): Promise<void> {
  return t.call<void>({ id: "deleteMaxPersonalAccount", method: "DELETE", idempotent: false, kind: "empty" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/max-personal-accounts/${encodeURIComponent(args.accountId)}`, undefined, undefined);
}

/** checkChannelReuse (GET /v1/tenants/{tenantId}/channel-fingerprints/reuse): Whether another tenant registered this channel identity Roles: platform_admin, platform_owner, service. */
export function checkChannelReuse(t: Transport, args: { tenantId: string; channelType: "telegram" | "whatsapp_business" | "whatsapp_personal" | "max"; fingerprintHash: string }): Promise<ChannelReuse> {
  return t.call<ChannelReuse>({ id: "checkChannelReuse", method: "GET", idempotent: true, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/channel-fingerprints/reuse`, { channelType: args.channelType, fingerprintHash: args.fingerprintHash }, undefined);
}

/** registerChannelFingerprint (POST /v1/tenants/{tenantId}/channel-fingerprints): Register a channel identity of the tenant (seen again: lastSeenAt refreshed) Roles: platform_admin, platform_owner, service. */
export function registerChannelFingerprint(t: Transport, args: { tenantId: string; body: ChannelFingerprintRegistration }): Promise<ChannelFingerprint> {
  return t.call<ChannelFingerprint>({ id: "registerChannelFingerprint", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/channel-fingerprints`, undefined, args.body);
}

/** createFraudFlag (POST /v1/tenants/{tenantId}/fraud-flags): Record a fraud detection Roles: platform_admin, platform_owner, service. */
export function createFraudFlag(t: Transport, args: { tenantId: string; body: FraudFlagInsert }): Promise<FraudFlag> {
  return t.call<FraudFlag>({ id: "createFraudFlag", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/fraud-flags`, undefined, args.body);
}

/** getFraudFlagsByTenant (GET /v1/tenants/{tenantId}/fraud-flags): The tenant's fraud flags, newest first Roles: platform_admin, platform_owner, service. */
export function getFraudFlagsByTenant(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<FraudFlag>> {
  return t.call<Page<FraudFlag>>({ id: "getFraudFlagsByTenant", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/fraud-flags`, { limit: args.limit, after: args.after }, undefined);
}

/** restrictTenantForFraud (POST /v1/tenants/{tenantId}/fraud-restriction): Restrict the tenant after a fraud detection Roles: platform_admin, platform_owner, service. */
export function restrictTenantForFraud(t: Transport, args: { tenantId: string }): Promise<Tenant> {
  return t.call<Tenant>({ id: "restrictTenantForFraud", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/fraud-restriction`, undefined, undefined);
}

/** resolveFraudFlag (POST /v1/tenants/{tenantId}/fraud-flags/{fraudFlagId}/resolve): Mark a fraud flag resolved by the calling platform user (409 when it already is) Roles: platform_admin, platform_owner. */
export function resolveFraudFlag(t: Transport, args: { tenantId: string; fraudFlagId: string }): Promise<FraudFlag> {
  return t.call<FraudFlag>({ id: "resolveFraudFlag", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/fraud-flags/${encodeURIComponent(args.fraudFlagId)}/resolve`, undefined, undefined);
}

/** listIntegrationSecrets (GET /v1/platform/integration-secrets): Secrets (metadata only), newest first Roles: platform_admin, platform_owner. */
export function listIntegrationSecrets(t: Transport, args: { scope?: "global" | "tenant"; tenantId?: string; keyName?: string; limit?: number; after?: string }): Promise<Page<IntegrationSecret>> {
  return t.call<Page<IntegrationSecret>>({ id: "listIntegrationSecrets", method: "GET", idempotent: true, kind: "page" }, `/v1/platform/integration-secrets`, { scope: args.scope, tenantId: args.tenantId, keyName: args.keyName, limit: args.limit, after: args.after }, undefined);
}

/** createIntegrationSecret (POST /v1/platform/integration-secrets): Store a secret, encrypted (409 while one of its scope, tenant and key is active) Roles: platform_admin, platform_owner. */
export function createIntegrationSecret(t: Transport, args: { body: IntegrationSecretCreate }): Promise<IntegrationSecret> {
  return t.call<IntegrationSecret>({ id: "createIntegrationSecret", method: "POST", idempotent: false, kind: "json" }, `/v1/platform/integration-secrets`, undefined, args.body);
}

/** rotateIntegrationSecret (POST /v1/platform/integration-secrets/rotate): Give the active secret of a scope, tenant and key a new value Roles: platform_admin, platform_owner. */
export function rotateIntegrationSecret(t: Transport, args: { body: IntegrationSecretRotation }): Promise<IntegrationSecret> {
  return t.call<IntegrationSecret>({ id: "rotateIntegrationSecret", method: "POST", idempotent: false, kind: "json" }, `/v1/platform/integration-secrets/rotate`, undefined, args.body);
}

/** revokeIntegrationSecret (POST /v1/platform/integration-secrets/revoke): Revoke the active secret of a scope, tenant and key (recorded as a no-op when it is revoked already) Roles: platform_admin, platform_owner. */
export function revokeIntegrationSecret(t: Transport, args: { body: IntegrationSecretRevocation }): Promise<IntegrationSecret> {
  return t.call<IntegrationSecret>({ id: "revokeIntegrationSecret", method: "POST", idempotent: false, kind: "json" }, `/v1/platform/integration-secrets/revoke`, undefined, args.body);
}

/** resolveIntegrationSecret (GET /v1/service/integration-secrets/resolve): The decrypted value of a key: the tenant's active secret, else the global one (service) Roles: service. */
export function resolveIntegrationSecret(t: Transport, args: { keyName: string; tenantId?: string }): Promise<ResolvedIntegrationSecret> {
  return t.call<ResolvedIntegrationSecret>({ id: "resolveIntegrationSecret", method: "GET", idempotent: true, kind: "json" }, `/v1/service/integration-secrets/resolve`, { keyName: args.keyName, tenantId: args.tenantId }, undefined);
}

/** createAuditEvents (POST /v1/platform/audit-events): Store a batch of audit events (at most 500) in one statement Roles: platform_admin, platform_owner, service. */
export function createAuditEvents(t: Transport, args: { body: AuditEventInsert[] }): Promise<AuditEventBatch> {
  return t.call<AuditEventBatch>({ id: "createAuditEvents", method: "POST", idempotent: false, kind: "json" }, `/v1/platform/audit-events`, undefined, args.body);
}

/** getAuditEventsByEntity (GET /v1/platform/audit-events/by-entity): Events of an entity, newest first Roles: platform_admin, platform_owner. */
export function getAuditEventsByEntity(t: Transport, args: { entityType: string; entityId: string; limit?: number; after?: string }): Promise<Page<AuditEvent>> {
  return t.call<Page<AuditEvent>>({ id: "getAuditEventsByEntity", method: "GET", idempotent: true, kind: "page" }, `/v1/platform/audit-events/by-entity`, { entityType: args.entityType, entityId: args.entityId, limit: args.limit, after: args.after }, undefined);
}

/** getAuditEventsByConversation (GET /v1/tenants/{tenantId}/audit-events/by-conversation): Events of a conversation (the conversation's, and those naming it in metadata.conversationId), newest first Roles: owner, admin, platform_admin, platform_owner, service. */
export function getAuditEventsByConversation(t: Transport, args: { tenantId: string; conversationId: string; limit?: number }): Promise<Page<AuditEvent>> {
  return t.call<Page<AuditEvent>>({ id: "getAuditEventsByConversation", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/audit-events/by-conversation`, { conversationId: args.conversationId, limit: args.limit }, undefined);
}

/** getRecentAuditEvents (GET /v1/tenants/{tenantId}/audit-events): The tenant's events, newest first Roles: owner, admin, platform_admin, platform_owner, service. */
export function getRecentAuditEvents(t: Transport, args: { tenantId: string; limit?: number; after?: string }): Promise<Page<AuditEvent>> {
  return t.call<Page<AuditEvent>>({ id: "getRecentAuditEvents", method: "GET", idempotent: true, kind: "page" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/audit-events`, { limit: args.limit, after: args.after }, undefined);
}

/** getAllAuditEvents (GET /v1/platform/audit-events): Every event, newest first Roles: platform_admin, platform_owner. */
export function getAllAuditEvents(t: Transport, args: { limit?: number; after?: string }): Promise<Page<AuditEvent>> {
  return t.call<Page<AuditEvent>>({ id: "getAllAuditEvents", method: "GET", idempotent: true, kind: "page" }, `/v1/platform/audit-events`, { limit: args.limit, after: args.after }, undefined);
}

/** createProxy (POST /v1/platform/proxies): Add a proxy to the pool Roles: platform_admin, platform_owner. */
export function createProxy(t: Transport, args: { body: ProxyInsert }): Promise<Proxy> {
  return t.call<Proxy>({ id: "createProxy", method: "POST", idempotent: false, kind: "json" }, `/v1/platform/proxies`, undefined, args.body);
}

/** getProxies (GET /v1/platform/proxies): The pool, oldest first Roles: platform_admin, platform_owner, service. */
export function getProxies(t: Transport, args: { status?: "available" | "assigned" | "disabled" | "failed"; limit?: number; after?: string }): Promise<Page<Proxy>> {
  return t.call<Page<Proxy>>({ id: "getProxies", method: "GET", idempotent: true, kind: "page" }, `/v1/platform/proxies`, { status: args.status, limit: args.limit, after: args.after }, undefined);
}

/** getProxyStats (GET /v1/platform/proxies/stats): How many proxies are in each status Roles: platform_admin, platform_owner, service. */
export function getProxyStats(t: Transport, args: Record<string, never> = {}): Promise<ProxyStats> {
  return t.call<ProxyStats>({ id: "getProxyStats", method: "GET", idempotent: true, kind: "json" }, `/v1/platform/proxies/stats`, undefined, undefined);
}

/** assignProxy (POST /v1/tenants/{tenantId}/channels/{channelId}/proxy): Assign an available proxy to the channel (404 when none is available) Roles: platform_admin, platform_owner, service. */
export function assignProxy(t: Transport, args: { tenantId: string; channelId: string; body: ProxyRequest }): Promise<Proxy> {
  return t.call<Proxy>({ id: "assignProxy", method: "POST", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/channels/${encodeURIComponent(args.channelId)}/proxy`, undefined, args.body);
}

/** releaseProxy (DELETE /v1/tenants/{tenantId}/channels/{channelId}/proxy): Release the channel's proxies back to the pool Roles: platform_admin, platform_owner, service. */
export function releaseProxy(t: Transport, args: { tenantId: string; channelId: string }): Promise<void> {
  return t.call<void>({ id: "releaseProxy", method: "DELETE", idempotent: false, kind: "empty" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/channels/${encodeURIComponent(args.channelId)}/proxy`, undefined, undefined);
}

/** markProxyFailed (POST /v1/platform/proxies/{proxyId}/failed): Mark a proxy failed, with the error Roles: platform_admin, platform_owner, service. */
export function markProxyFailed(t: Transport, args: { proxyId: string; body: ProxyFailure }): Promise<Proxy> {
  return t.call<Proxy>({ id: "markProxyFailed", method: "POST", idempotent: false, kind: "json" }, `/v1/platform/proxies/${encodeURIComponent(args.proxyId)}/failed`, undefined, args.body);
}

/** deleteCustomerData (DELETE /v1/tenants/{tenantId}/customers/{customerId}): Delete a customer and all its data (conversations, messages, notes, memory, …) in one transaction Roles: owner, admin, platform_admin, platform_owner, service. */
export function deleteCustomerData(t: Transport, args: { tenantId: string; customerId: string }): Promise<CustomerDataDeletion> {
  return t.call<CustomerDataDeletion>({ id: "deleteCustomerData", method: "DELETE", idempotent: false, kind: "json" }, `/v1/tenants/${encodeURIComponent(args.tenantId)}/customers/${encodeURIComponent(args.customerId)}`, undefined, undefined);
}

/** getSession (GET /v1/service/sessions/{sessionId}): A session unless it has expired Roles: service. */
export function getSession(t: Transport, args: { sessionId: string }): Promise<Session> {
  return t.call<Session>({ id: "getSession", method: "GET", idempotent: true, kind: "json" }, `/v1/service/sessions/${encodeURIComponent(args.sessionId)}`, undefined, undefined);
}

/** setSession (PUT /v1/service/sessions/{sessionId}): Store a session with its expiry (insert or replace) Roles: service. */
export function setSession(t: Transport, args: { sessionId: string; body: SessionInsertForSid }): Promise<Session> {
  return t.call<Session>({ id: "setSession", method: "PUT", idempotent: false, kind: "json" }, `/v1/service/sessions/${encodeURIComponent(args.sessionId)}`, undefined, args.body);
}

/** touchSession (PATCH /v1/service/sessions/{sessionId}): Give a session a new expiry (and optionally new data) Roles: service. */
export function touchSession(t: Transport, args: { sessionId: string; body: SessionPatchForSid }): Promise<Session> {
  return t.call<Session>({ id: "touchSession", method: "PATCH", idempotent: false, kind: "json" }, `/v1/service/sessions/${encodeURIComponent(args.sessionId)}`, undefined, args.body);
}

/** destroySession (DELETE /v1/service/sessions/{sessionId}): Delete a session Roles: service. */
export function destroySession(t: Transport, args: { sessionId: string }): Promise<void> {
  return t.call<void>({ id: "destroySession", method: "DELETE", idempotent: false, kind: "empty" }, `/v1/service/sessions/${encodeURIComponent(args.sessionId)}`, undefined, undefined);
}

/** pruneExpiredSessions (DELETE /v1/service/expired-sessions): Delete every expired session; answers how many Roles: service. */
export function pruneExpiredSessions(t: Transport, args: Record<string, never> = {}): Promise<Count> {
  return t.call<Count>({ id: "pruneExpiredSessions", method: "DELETE", idempotent: false, kind: "json" }, `/v1/service/expired-sessions`, undefined, undefined);
}

/** getRowOwner (GET /v1/service/owners): The tenant a row of a tenant-owned table belongs to: the old trust model, for trusted backends (service) Roles: service. */
export function getRowOwner(t: Transport, args: { table: "user_invites" | "channels" | "customers" | "customer_notes" | "customer_memory" | "conversations" | "messages" | "escalation_events" | "ai_suggestions" | "human_actions" | "ai_training_samples" | "learning_queue" | "response_templates" | "products" | "knowledge_docs" | "knowledge_doc_chunks" | "rag_documents" | "rag_chunks" | "readiness_reports" | "csat_ratings" | "conversions" | "lost_deals" | "subscriptions" | "subscription_grants" | "vehicle_lookup_cases" | "internal_prices" | "message_templates" | "payment_methods" | "tenant_agent_settings" | "telegram_sessions" | "max_personal_accounts" | "channel_fingerprints" | "fraud_flags"; id: string }): Promise<RowOwner> {
  return t.call<RowOwner>({ id: "getRowOwner", method: "GET", idempotent: true, kind: "json" }, `/v1/service/owners`, { table: args.table, id: args.id }, undefined);
}

