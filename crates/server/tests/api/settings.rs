//! §22 Per-tenant settings: decision, human delay, onboarding (issue 9).
