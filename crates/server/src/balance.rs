//! Client connections spread evenly over the runtimes (issue 12).
//!
//! Each runtime accepts on its own `SO_REUSEPORT` listener, and the kernel picks the listener
//! by a hash of the connection's addresses: unevenly (64 keep-alive connections split 35/29 and
//! 39/25 on two runtimes; the server's threads under W3 used 176/138 and 172/140 ticks of CPU),
//! so one runtime and its PostgreSQL connection carry more of the requests than the other. A
//! runtime that accepts a connection while another serves fewer hands it over: the connection
//! moves once, when it opens, and its requests stay on one thread (docs/performance.md,
//! *Evening session*).
//!
//! The counts are also the `salesgate_http_connections{runtime}` gauge of `/metrics`.

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use tokio::sync::OwnedSemaphorePermit;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// A connection handed from the runtime that accepted it to the one that serves it.
pub struct Handoff {
    pub stream: std::net::TcpStream,
    /// The accepting runtime's connection slot: the process's cap still counts it.
    pub slot: OwnedSemaphorePermit,
    /// The serving runtime's count of it.
    pub open: Open,
}

/// Where a runtime receives the connections handed to it.
pub type Inbox = UnboundedReceiver<Handoff>;

/// Open client connections per runtime, and each runtime's inbox.
pub struct Balance {
    open: Vec<Arc<AtomicUsize>>,
    senders: Vec<UnboundedSender<Handoff>>,
    inboxes: Vec<Mutex<Option<Inbox>>>,
}

impl Balance {
    /// The balance of `runtimes` runtimes (at least one).
    pub fn new(runtimes: usize) -> Balance {
        let (senders, inboxes) = (0..runtimes.max(1)).map(|_| unbounded_channel()).unzip::<_, _, Vec<_>, Vec<_>>();
        Balance {
            open: (0..senders.len()).map(|_| Arc::new(AtomicUsize::new(0))).collect(),
            senders,
            inboxes: inboxes.into_iter().map(|r| Mutex::new(Some(r))).collect(),
        }
    }

    /// The inbox of `runtime`, once: the runtime's accept loop owns it.
    pub fn take_inbox(&self, runtime: usize) -> Option<Inbox> {
        self.inboxes.get(runtime)?.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take()
    }

    /// The runtime that serves a connection `runtime` accepted, counted as open there until the
    /// returned [`Open`] drops.
    pub fn place(&self, runtime: usize) -> Open {
        self.open(least_loaded(&self.counts(), runtime))
    }

    /// Counts a connection as open on `runtime` until the returned [`Open`] drops.
    pub fn open(&self, runtime: usize) -> Open {
        let runtime = runtime.min(self.open.len() - 1);
        self.open[runtime].fetch_add(1, Relaxed);
        Open { runtime, counter: self.open[runtime].clone() }
    }

    /// Hands `handoff` to its runtime; gives it back if that runtime no longer runs.
    pub fn send(&self, handoff: Handoff) -> Result<(), Handoff> {
        self.senders[handoff.open.runtime].send(handoff).map_err(|e| e.0)
    }

    /// Open connections per runtime.
    pub fn counts(&self) -> Vec<usize> {
        self.open.iter().map(|n| n.load(Relaxed)).collect()
    }
}

/// One open connection, counted on its runtime.
pub struct Open {
    pub runtime: usize,
    counter: Arc<AtomicUsize>,
}

impl Drop for Open {
    fn drop(&mut self) {
        self.counter.fetch_sub(1, Relaxed);
    }
}

/// The runtime with the fewest connections, `me` on a tie (no move when moving gains nothing).
fn least_loaded(counts: &[usize], me: usize) -> usize {
    let mine = counts.get(me).copied().unwrap_or(usize::MAX);
    match counts.iter().enumerate().min_by_key(|(_, n)| **n) {
        Some((i, n)) if *n < mine => i,
        _ => me,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_goes_to_the_least_loaded_runtime_and_stays_on_a_tie() {
        assert_eq!(least_loaded(&[3, 2], 0), 1);
        assert_eq!(least_loaded(&[2, 2], 0), 0);
        assert_eq!(least_loaded(&[2, 2], 1), 1);
        assert_eq!(least_loaded(&[5, 1, 1], 2), 2, "already among the least loaded");
        assert_eq!(least_loaded(&[5, 1, 1], 0), 1, "the first of the least loaded");
        assert_eq!(least_loaded(&[0], 0), 0);
    }

    #[test]
    fn connections_accepted_unevenly_end_up_even() {
        let balance = Balance::new(2);
        // The kernel hands all 32 to runtime 0.
        let open: Vec<Open> = (0..32).map(|_| balance.place(0)).collect();
        assert_eq!(balance.counts(), [16, 16]);
        drop(open);
        assert_eq!(balance.counts(), [0, 0], "closed connections are no longer counted");
        assert!(balance.take_inbox(1).is_some());
        assert!(balance.take_inbox(1).is_none(), "an inbox has one owner");
    }
}
