//! §16 AI training samples and §17 training policies (issue 9).
