//! Prepared statements of one connection, found again without hashing statement text on the
//! hot paths: a [`Hot`] declaration is found by its address.

use std::collections::HashMap;
use std::sync::Mutex;
use tokio_postgres::Statement;
use tokio_postgres::types::Type;

/// A statement of a fixed declaration (the hot paths W1–W4): its text and its parameter types.
/// Declared once per process (a `static`, or a `OnceLock` when the text is built from the
/// model); its address is its key in every connection's statement cache.
#[derive(Debug)]
pub struct Hot {
    pub text: &'static str,
    pub types: &'static [Type],
}

/// How a statement is looked up in a connection's cache.
#[derive(Clone, Copy)]
pub(crate) enum Key<'a> {
    Hot(&'static Hot),
    Text(&'a str),
}

/// The statements a connection has prepared.
#[derive(Default)]
pub(crate) struct Statements {
    hot: Mutex<Vec<(usize, Statement)>>,
    text: Mutex<HashMap<Box<str>, Statement>>,
}

/// More distinct statement texts than this per connection and the cache is cleared (dropping
/// a `Statement` closes it on the server): the plain executor's texts depend on which fields a
/// body sets, so they are many but bounded.
const MAX_TEXTS: usize = 2048;

impl Statements {
    pub(crate) fn get(&self, key: Key<'_>) -> Option<Statement> {
        match key {
            Key::Hot(hot) => {
                let addr = hot as *const Hot as usize;
                let hot = self.hot.lock().unwrap_or_else(|p| p.into_inner());
                hot.iter().find(|(a, _)| *a == addr).map(|(_, s)| s.clone())
            }
            Key::Text(text) => self.text.lock().unwrap_or_else(|p| p.into_inner()).get(text).cloned(),
        }
    }

    pub(crate) fn put(&self, key: Key<'_>, statement: Statement) {
        match key {
            Key::Hot(hot) => {
                let addr = hot as *const Hot as usize;
                let mut hot = self.hot.lock().unwrap_or_else(|p| p.into_inner());
                if !hot.iter().any(|(a, _)| *a == addr) {
                    hot.push((addr, statement));
                }
            }
            Key::Text(text) => {
                let mut texts = self.text.lock().unwrap_or_else(|p| p.into_inner());
                if texts.len() >= MAX_TEXTS {
                    texts.clear();
                }
                texts.insert(text.into(), statement);
            }
        }
    }
}
