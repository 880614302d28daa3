//! §14 AI suggestions and §15 human actions (issue 9).
