//! Shared set-up of the HTTP-level tests: a migrated database per test (cloned from a template
//! migrated once per test binary), a real server on a loopback port, tokens, requests.
#![allow(dead_code)]

pub mod schema;

use salesgate_core::auth::Role;
use salesgate_server::migrate::{self, Options};
use salesgate_server::testing::client::{self, Response};
use salesgate_server::testing::server::{self, TestServer};
use salesgate_server::testing::{TestDb, cluster};
use serde_json::{Value, json};
use tokio_postgres::{Client, NoTls};

/// A database with every migration applied.
pub async fn migrated_db() -> TestDb {
    let pg = cluster();
    let template = pg
        .template("migrated", |url| async move { migrate::run(&url, &Options::default(), &|_| {}).await.map(|_| ()) })
        .await
        .expect("migrated template");
    pg.create_database("api", Some(template)).await.expect("database")
}

pub async fn connect(url: &str) -> Client {
    let (client, connection) = tokio_postgres::connect(url, NoTls).await.expect("connect");
    tokio::spawn(connection);
    client
}

/// A server on a fresh database, with two tenants `t1` and `t2`.
pub struct Api {
    pub server: TestServer,
    pub db: TestDb,
    pub sql: Client,
}

impl Api {
    pub async fn start() -> Api {
        Self::start_with(server::Options::default()).await
    }

    pub async fn start_with(options: server::Options) -> Api {
        let db = migrated_db().await;
        let sql = connect(&db.url).await;
        sql.batch_execute("INSERT INTO tenants (id, name) VALUES ('t1', 'Store One'), ('t2', 'Store Two')")
            .await
            .expect("tenants");
        let server = TestServer::start_with(&db.url, options).await;
        Api { server, db, sql }
    }

    /// Sends a request; every answer is checked against the OpenAPI schema of its route and
    /// status (the test fails on an answer the document does not describe).
    pub async fn call(&self, method: &str, path: &str, token: Option<&str>, body: Option<Value>) -> Response {
        let r = client::request(self.server.addr, method, path, token, body.as_ref()).await.expect("request");
        let problems = schema::check_answer(method, path, r.status, &r.text());
        assert!(
            problems.is_empty(),
            "{method} {path} answered outside its schema:\n{}\n{}",
            problems.join("\n"),
            r.text()
        );
        r
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.call("GET", path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Response {
        self.call("POST", path, Some(token), Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Response {
        self.call("PATCH", path, Some(token), Some(body)).await
    }

    /// One number from SQL.
    pub async fn count(&self, sql: &str) -> i64 {
        self.sql.query_one(sql, &[]).await.expect(sql).get(0)
    }
}

pub fn owner(tenant: &str) -> String {
    server::token(Some(tenant), Role::Owner)
}

pub fn operator(tenant: &str) -> String {
    server::token(Some(tenant), Role::Operator)
}

pub fn viewer(tenant: &str) -> String {
    server::token(Some(tenant), Role::Viewer)
}

pub fn platform() -> String {
    server::token(None, Role::PlatformAdmin)
}

/// `(path, code)` of each detail of an error body.
pub fn details(r: &Response) -> Vec<(String, String)> {
    r.json()["error"]["details"]
        .as_array()
        .map(|d| {
            d.iter()
                .map(|e| (e["path"].as_str().unwrap_or("").to_string(), e["code"].as_str().unwrap_or("").to_string()))
                .collect()
        })
        .unwrap_or_default()
}

pub fn code(r: &Response) -> String {
    r.json()["error"]["code"].as_str().unwrap_or("").to_string()
}

/// Asserts the status, printing the body when it differs.
#[track_caller]
pub fn expect(r: &Response, status: u16) {
    assert_eq!(r.status, status, "unexpected answer: {}", r.text());
}

/// An inbound message body.
pub fn inbound(external_id: &str, content: &str) -> Value {
    json!({"channel": "telegram", "externalId": external_id, "name": "Ivan", "content": content})
}

pub async fn customer(api: &Api, tenant: &str, external_id: &str) -> String {
    let body = json!({"channel": "telegram", "externalId": external_id, "name": "C"});
    let r = api.post(&format!("/v1/tenants/{tenant}/customers"), &owner(tenant), body).await;
    expect(&r, 201);
    r.json()["id"].as_str().expect("id").to_string()
}

pub async fn conversation(api: &Api, tenant: &str, customer: &str) -> String {
    let r =
        api.post(&format!("/v1/tenants/{tenant}/conversations"), &owner(tenant), json!({"customerId": customer})).await;
    expect(&r, 201);
    r.json()["id"].as_str().expect("id").to_string()
}
