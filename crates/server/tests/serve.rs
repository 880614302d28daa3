//! `salesgate serve` with no DATABASE_URL — the README's quick start (`cargo make serve`): it
//! creates a local PostgreSQL cluster under `./.salesgate/`, migrates it, serves a working API,
//! stops cleanly on SIGTERM, and keeps the data for the next start.

use salesgate_server::cluster::{Cluster, ClusterConfig, StopMode};
use salesgate_server::testing::client::{self, Response};
use serde_json::json;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills the server and stops the local cluster if the test ends early.
struct Guard {
    child: Option<Child>,
    dir: PathBuf,
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
        let mut config = ClusterConfig::in_dir(self.dir.join(".salesgate"), 0);
        config.data_dir = self.dir.join(".salesgate/pgdata");
        config.socket_dir = std::env::temp_dir();
        if let Ok(cluster) = Cluster::new(config) {
            let _ = cluster.stop(StopMode::Immediate);
        }
    }
}

fn salesgate(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_salesgate"));
    cmd.current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("SALESGATE_JWT_SECRETS")
        .env_remove("SALESGATE_DATA_DIR");
    cmd
}

fn start(dir: &Path, addr: SocketAddr) -> Child {
    salesgate(dir)
        .args(["serve", "--listen", &addr.to_string()])
        .env("SALESGATE_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start salesgate serve")
}

async fn wait_ready(addr: SocketAddr) {
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if let Ok(r) = client::request(addr, "GET", "/readyz", None, None).await
            && r.status == 200
        {
            return;
        }
        assert!(Instant::now() < deadline, "salesgate serve did not become ready");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn token(dir: &Path, args: &[&str]) -> String {
    let out = salesgate(dir).arg("token").args(args).output().expect("salesgate token");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// SIGTERM, then the exit status.
fn terminate(child: &mut Child) -> std::process::ExitStatus {
    // SAFETY: kill has no memory-safety preconditions.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return status;
        }
        assert!(Instant::now() < deadline, "salesgate serve did not exit after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

async fn call(addr: SocketAddr, method: &str, path: &str, token: &str, body: Option<serde_json::Value>) -> Response {
    client::request(addr, method, path, Some(token), body.as_ref()).await.expect("request")
}

#[tokio::test]
async fn serve_without_database_url_runs_on_a_managed_local_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = salesgate_server::cluster::free_port().expect("port");
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
    let mut guard = Guard { child: Some(start(dir.path(), addr)), dir: dir.path().to_path_buf() };
    wait_ready(addr).await;
    assert!(dir.path().join(".salesgate/pgdata/PG_VERSION").exists(), "the cluster lives under ./.salesgate");

    let platform = token(dir.path(), &["--role", "platform_admin"]);
    let created = call(addr, "POST", "/v1/tenants", &platform, Some(json!({"name": "Local Store"}))).await;
    assert_eq!(created.status, 201, "{}", created.text());
    let tenant = created.json()["id"].as_str().expect("id").to_string();
    let owner = token(dir.path(), &["--tenant", &tenant, "--role", "owner", "--ttl", "10m"]);
    let inbound = json!({"channel": "whatsapp_personal", "externalId": "+79990001122", "content": "Здравствуйте"});
    let r = call(addr, "POST", &format!("/v1/tenants/{tenant}/inbound-messages"), &owner, Some(inbound)).await;
    assert_eq!(r.status, 201, "{}", r.text());

    let mut child = guard.child.take().expect("child");
    let status = terminate(&mut child);
    assert!(status.success(), "clean exit on SIGTERM: {status:?}");
    let stdout = {
        use std::io::Read as _;
        let mut s = String::new();
        let _ = child.stdout.take().map(|mut o| o.read_to_string(&mut s));
        s
    };
    assert!(stdout.contains(&format!("serving http://{addr}")), "prints the URL: {stdout}");
    assert!(stdout.contains("token"), "says how to mint a token: {stdout}");

    // Data survives a restart.
    guard.child = Some(start(dir.path(), addr));
    wait_ready(addr).await;
    let r = call(
        addr,
        "GET",
        &format!("/v1/tenants/{tenant}/customers/lookup?channel=whatsapp_personal&externalId=%2B79990001122"),
        &owner,
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let mut child = guard.child.take().expect("child");
    assert!(terminate(&mut child).success());
}
