//! The shared test cluster (`salesgate_server::testing`) and the `Cluster` lifecycle.

use std::io::{BufRead as _, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use salesgate_server::cluster::{Cluster, ClusterConfig, StopMode, free_port};
use salesgate_server::testing;
use tokio_postgres::{Client, NoTls};

/// Every test fails rather than hangs.
const LIMIT: Duration = Duration::from_secs(90);

async fn bounded<F: Future<Output = ()>>(test: F) {
    tokio::time::timeout(LIMIT, test).await.expect("test took too long");
}

async fn connect(url: &str) -> Client {
    let (client, conn) = tokio_postgres::connect(url, NoTls).await.unwrap_or_else(|e| panic!("connect to {url}: {e}"));
    tokio::spawn(conn);
    client
}

async fn own_database_on_shared_cluster() {
    let pg = testing::cluster();
    let db = pg.create_database("parallel", None).await.unwrap();
    let client = connect(&db.url).await;
    let row = client.query_one("SELECT current_database(), inet_server_port(), 40 + 2", &[]).await.unwrap();
    assert_eq!(row.get::<_, String>(0), db.name);
    assert_eq!(row.get::<_, i32>(1), i32::from(pg.cluster().port()));
    assert_eq!(row.get::<_, i32>(2), 42);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_tests_share_the_cluster_a() {
    bounded(own_database_on_shared_cluster()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_tests_share_the_cluster_b() {
    bounded(own_database_on_shared_cluster()).await;
}

async fn clone_template(prefix: &str) -> (String, Client) {
    let pg = testing::cluster();
    let template = pg
        .template("tmpl_rows", |url| async move {
            let client = connect(&url).await;
            client.batch_execute("CREATE TABLE item (name text); INSERT INTO item VALUES ('seed')").await
        })
        .await
        .unwrap();
    assert_eq!(template, "tmpl_rows");
    let db = pg.create_database(prefix, Some(template)).await.unwrap();
    (db.name, connect(&db.url).await)
}

async fn names(client: &Client) -> Vec<String> {
    client.query("SELECT name FROM item ORDER BY name", &[]).await.unwrap().iter().map(|row| row.get(0)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn databases_cloned_from_a_template_are_independent() {
    bounded(async {
        // Two clones prepared concurrently: `prepare` must still run only once (a second
        // run would fail on CREATE TABLE or duplicate the row).
        let ((name_a, a), (name_b, b)) = tokio::join!(clone_template("clone_a"), clone_template("clone_b"));
        assert_ne!(name_a, name_b);
        assert_eq!(names(&a).await, ["seed"]);
        assert_eq!(names(&b).await, ["seed"]);

        a.execute("INSERT INTO item VALUES ('only in a')", &[]).await.unwrap();
        assert_eq!(names(&a).await, ["only in a", "seed"]);
        assert_eq!(names(&b).await, ["seed"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn template_failure_is_reported() {
    bounded(async {
        let pg = testing::cluster();
        let err = pg.template("tmpl_broken", |_url| async { Err::<(), _>("no such migration") }).await.unwrap_err();
        assert!(err.to_string().contains("no such migration"), "{err}");
    })
    .await;
}

/// Stops (immediate) the cluster of a test that panicked; the TempDir removes the files.
struct StopOnDrop<'a>(&'a Cluster);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        let _ = self.0.stop(StopMode::Immediate);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn persistent_cluster_lifecycle() {
    bounded(async {
        let dir = tempfile::Builder::new().prefix("sg-").tempdir_in("/tmp").unwrap();
        let config = ClusterConfig::in_dir(dir.path().join("pg"), free_port().unwrap());
        assert!(!config.tcp && config.durable);
        let cluster = Cluster::new(config).unwrap();
        let _guard = StopOnDrop(&cluster);
        let url = cluster.url("postgres");
        assert!(url.starts_with("host=/tmp/sg-"), "{url}");

        // The Cluster API is blocking: keep it off the runtime's worker threads.
        let run = |f: fn(&Cluster) -> Result<(), salesgate_server::cluster::ClusterError>| {
            let cluster = cluster.clone();
            async move { tokio::task::spawn_blocking(move || f(&cluster)).await.unwrap().unwrap() }
        };

        assert!(!cluster.is_initialized());
        assert!(!cluster.is_running());
        run(Cluster::init).await;
        assert!(cluster.is_initialized());
        run(Cluster::init).await; // already initialised: no-op
        run(Cluster::start).await;
        assert!(cluster.is_running());
        run(Cluster::start).await; // already running: no-op

        let client = connect(&url).await;
        client.batch_execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')").await.unwrap();
        drop(client);

        run(|c| c.stop(StopMode::Fast)).await;
        assert!(!cluster.is_running());
        run(|c| c.stop(StopMode::Fast)).await; // already stopped: no-op

        run(Cluster::start).await;
        let client = connect(&url).await;
        let v: String = client.query_one("SELECT v FROM kept", &[]).await.unwrap().get(0);
        assert_eq!(v, "survives");
        drop(client);
        run(|c| c.stop(StopMode::Fast)).await;
        assert!(!cluster.is_running());
    })
    .await;
}

#[test]
fn start_failure_quotes_the_server_log() {
    let dir = tempfile::Builder::new().prefix("sg-").tempdir_in("/tmp").unwrap();
    let mut config = ClusterConfig::in_dir(dir.path(), free_port().unwrap());
    config.durable = false;
    config.extra_settings.push(("no_such_setting".into(), "1".into()));
    let cluster = Cluster::new(config).unwrap();
    cluster.init().unwrap();
    let err = cluster.start().unwrap_err().to_string();
    assert!(err.contains("no_such_setting"), "{err}");
    assert!(err.contains("server log"), "{err}");
    assert!(!cluster.is_running());
}

/// Not a test on its own: the process `watchdog_cleans_up_after_sigkill` kills.
#[test]
#[ignore = "helper process of watchdog_cleans_up_after_sigkill"]
fn watchdog_child() {
    if std::env::var_os("SG_WATCHDOG_CHILD").is_none() {
        return;
    }
    let pg = testing::cluster();
    let pid_file = pg.cluster().data_dir().join("postmaster.pid");
    let postmaster = std::fs::read_to_string(pid_file).unwrap();
    let postmaster = postmaster.lines().next().unwrap();
    println!("READY {postmaster} {}", pg.cluster().socket_dir().display());
    std::thread::sleep(Duration::from_secs(120));
}

/// A process that is neither gone nor a zombie.
fn alive(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|stat| stat.rsplit(')').next().is_some_and(|s| !s.trim_start().starts_with('Z')))
}

#[test]
fn watchdog_cleans_up_after_sigkill() {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "watchdog_child", "--ignored", "--nocapture"])
        .env("SG_WATCHDOG_CHILD", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let ready = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map(Result::unwrap)
        .find_map(|line| line.strip_prefix("READY ").map(str::to_owned))
        .expect("the child exited without starting its cluster");
    let (postmaster, dir) = ready.split_once(' ').unwrap();
    let dir = PathBuf::from(dir);
    assert!(alive(postmaster) && dir.is_dir());

    child.kill().unwrap(); // SIGKILL: no atexit handler runs
    child.wait().unwrap();
    let killed = Instant::now();
    while alive(postmaster) || dir.exists() {
        assert!(
            killed.elapsed() < Duration::from_secs(10),
            "the watchdog did not clean up: postmaster {postmaster} alive: {}, {dir:?} exists: {}",
            alive(postmaster),
            dir.exists()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    eprintln!("cleaned up {:?} after SIGKILL", killed.elapsed());
}
