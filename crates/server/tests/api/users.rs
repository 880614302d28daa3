//! §3–§6 Users, invites, e-mail tokens and password, account linking (issue 9).
