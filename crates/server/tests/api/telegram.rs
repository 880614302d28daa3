//! §30 Telegram accounts (issue 10).
