//! Any bytes as the body of `POST /v1/tenants/t1/inbound-messages` (W2) with a valid operator
//! token and a JSON content type: the gate's size, nesting, JSON and schema checks. Bodies that
//! parse as JSON are also validated against every table's columns in both modes.
//! An admitted body must be JSON that `validate` accepts and that has the required fields.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use salesgate_core::auth::Role;
use salesgate_core::gate::{Request, RequestBody};
use salesgate_core::routes::INBOUND_MESSAGE;
use salesgate_core::tables::TABLES;
use salesgate_core::validate::{self, Mode};
use salesgate_fuzz::{NOW, bearer, check_gate, check_validation, gate};
use serde_json::Value as Json;

fn operator() -> &'static str {
    static TOKEN: OnceLock<String> = OnceLock::new();
    TOKEN.get_or_init(|| bearer(Some("t1"), Role::Operator))
}

fuzz_target!(|data: &[u8]| {
    let request = Request {
        method: "POST",
        path: "/v1/tenants/t1/inbound-messages",
        query: None,
        authorization: Some(operator()),
        content_type: Some("application/json; charset=utf-8"),
        body: RequestBody::Bytes(data),
    };
    let result = gate().admit(&request, NOW);
    check_gate(&result, &request);
    let parsed = serde_json::from_slice::<Json>(data).ok();
    match &result {
        Ok(admitted) => {
            let json = parsed.as_ref().expect("an admitted body is JSON");
            assert!(validate::validate(INBOUND_MESSAGE.fields, Mode::Insert, json).is_ok());
            let body = admitted.body.as_ref().expect("W2 takes a body");
            for field in ["channel", "external_id", "content"] {
                assert!(body.text(field).is_some(), "{field} missing from an admitted body");
            }
        }
        Err(e) => assert!([400, 413, 422].contains(&e.status), "{e}"),
    }
    if let Some(json) = &parsed {
        for table in TABLES {
            for mode in [Mode::Insert, Mode::Patch] {
                check_validation(table.columns, mode, json, &validate::validate(table.columns, mode, json));
            }
        }
    }
});
