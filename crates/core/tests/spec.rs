//! Every storage method of the old system has an operation (issues 9 and 10): the committed list
//! `docs/storage-api-methods.txt` holds the 165 methods of storage-api.md and the operations of
//! its Appendix A; each must be the operationId of a route. When the spec itself is beside the
//! repository (`../shared/spec/storage-api.md`, as in the project's workspace), the list is also
//! checked against it, so neither can drift.

use salesgate_core::routes::by_id;
use std::collections::BTreeSet;

const LIST: &str = include_str!("../../../docs/storage-api-methods.txt");

/// `(section, name)` of every listed operation.
fn listed() -> Vec<(&'static str, &'static str)> {
    LIST.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once(' '))
        .map(|(section, name)| (section, name.trim()))
        .collect()
}

/// Methods deliberately without an operation of their own, with the reason.
const EXCEPTIONS: &[(&str, &str)] = &[];

#[test]
fn every_listed_method_has_an_operation() {
    let missing: Vec<String> = listed()
        .into_iter()
        .filter(|(_, name)| by_id(name).is_none() && !EXCEPTIONS.iter().any(|(e, _)| e == name))
        .map(|(section, name)| format!("{section} {name}"))
        .collect();
    assert!(missing.is_empty(), "{} methods have no route: {missing:#?}", missing.len());
}

#[test]
fn the_list_holds_the_165_methods_of_the_spec() {
    let storage: Vec<_> =
        listed().into_iter().filter(|(s, _)| s.trim_start_matches('§').parse::<u32>().is_ok()).collect();
    assert_eq!(storage.len(), 165, "storage-api.md has 165 methods");
    let unique: BTreeSet<_> = storage.iter().map(|(_, n)| *n).collect();
    assert_eq!(unique.len(), 165, "no method twice");
    let spec_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/spec/storage-api.md");
    let Ok(spec) = std::fs::read_to_string(spec_path) else {
        eprintln!("{spec_path} is not beside the repository: the list is checked against the route table only");
        return;
    };
    let mut from_spec = BTreeSet::new();
    let mut section = None;
    for line in spec.lines() {
        if let Some(rest) = line.strip_prefix("## ") {
            section = rest.split('.').next().and_then(|n| n.parse::<u32>().ok());
            continue;
        }
        let Some(n) = section else { continue };
        let Some(cell) = line.strip_prefix("| ").and_then(|l| l.split('|').next()) else { continue };
        let name = cell.split_whitespace().next().unwrap_or("");
        if name != "method" && name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
            from_spec.insert(format!("§{n} {name}"));
        }
    }
    let committed: BTreeSet<String> = storage.iter().map(|(s, n)| format!("{s} {n}")).collect();
    assert_eq!(committed, from_spec, "docs/storage-api-methods.txt differs from storage-api.md");
}

#[test]
fn exceptions_are_listed_methods() {
    for (name, reason) in EXCEPTIONS {
        assert!(listed().iter().any(|(_, n)| n == name), "{name} is not a listed method");
        assert!(!reason.is_empty());
    }
}
