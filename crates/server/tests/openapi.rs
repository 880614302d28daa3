//! `GET /v1/openapi.json` is a valid OpenAPI 3.1 document: checked with an independent
//! validator (`@seriousme/openapi-schema-validator`, pinned in package.json; `npm ci` installs
//! it), which validates against the official OpenAPI 3.1 JSON Schema.

use std::path::PathBuf;
use std::process::Command;

fn validate(document: &serde_json::Value) -> (bool, String) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let cli = root.join("node_modules/@seriousme/openapi-schema-validator/bin/validate-api-cli.js");
    assert!(cli.exists(), "the OpenAPI validator is not installed: run `npm ci` at the repository root");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, document.to_string()).expect("write");
    let out = Command::new("node").arg(&cli).arg(&file).output().expect("run node");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success() && text.contains("\"valid\": true"), text)
}

#[test]
fn the_document_is_valid_openapi_3_1() {
    let doc = salesgate_core::openapi::document();
    let (valid, report) = validate(&doc);
    assert!(valid, "{report}");
}

#[test]
fn the_validator_rejects_a_broken_document() {
    // Proves the check above can fail: drop a required member and break a response.
    let mut doc = salesgate_core::openapi::document();
    doc.as_object_mut().expect("object").remove("info");
    let (valid, report) = validate(&doc);
    assert!(!valid, "a document without info must be invalid: {report}");
}
