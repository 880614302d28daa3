//! Coarse deadlines of one runtime: the request timeout and hyper's header-read timeout
//! (issue 12).
//!
//! Both are seconds long and almost never fire, yet each request set them in tokio's timer
//! wheel: an insert and a removal under the driver's lock, and hyper re-registering its header
//! timer. Worse, a new tokio timer earlier than the one the driver last planned to wake for
//! makes tokio wake its own runtime through an eventfd write; with 10 s header timers among
//! 15 s request timers that was 0.14 `write`s per request (`perf record -e
//! syscalls:sys_enter_write`: every one from `time::Handle::reregister`). Here a deadline is a
//! slot in a table of the runtime, and one sweeper task checks the table every [`TICK`] while a
//! deadline is armed (none while the server is idle). Arming, polling, resetting and dropping
//! touch only the table. A deadline fires up to one tick late, nothing for timeouts of seconds.
//! Measured (valgrind callgrind, W4, thousand instructions per request in the server): 57.0 with
//! tokio's timers, 55.0 with this table, 53.5 with no timeouts at all; eventfd writes 0.139 →
//! 0.002 per request (docs/performance.md, *Afternoon session*).

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// How often armed deadlines are checked: how late one may fire at most.
pub const TICK: Duration = Duration::from_millis(50);

/// The deadlines of one runtime. Cloning shares the table.
#[derive(Clone)]
pub struct Deadlines {
    table: Arc<Table>,
}

struct Table {
    slots: Mutex<Slots>,
    /// Told when the first deadline is armed, so an idle sweeper sleeps without ticking.
    armed: Notify,
}

#[derive(Default)]
struct Slots {
    entries: Vec<Entry>,
    free: Vec<usize>,
    armed: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Free,
    Armed,
    Fired,
}

struct Entry {
    at: Instant,
    state: State,
    waker: Option<Waker>,
}

impl Table {
    fn lock(&self) -> MutexGuard<'_, Slots> {
        // A panic while holding the lock leaves the table consistent (no step is half-done).
        self.slots.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Slots {
    fn arm(&mut self) -> bool {
        self.armed += 1;
        self.armed == 1
    }
}

impl Deadlines {
    /// A table with its sweeper spawned on the current runtime; the sweeper ends when the
    /// returned guard is dropped.
    pub fn start() -> (Deadlines, Sweeper) {
        let deadlines = Deadlines { table: Arc::new(Table { slots: Mutex::default(), armed: Notify::new() }) };
        let sweeper = Sweeper(tokio::spawn(sweep(deadlines.clone())));
        (deadlines, sweeper)
    }

    /// A deadline at `at`.
    pub fn at(&self, at: Instant) -> Deadline {
        let mut slots = self.table.lock();
        let entry = Entry { at, state: State::Armed, waker: None };
        let slot = match slots.free.pop() {
            Some(i) => {
                slots.entries[i] = entry;
                i
            }
            None => {
                slots.entries.push(entry);
                slots.entries.len() - 1
            }
        };
        if slots.arm() {
            self.table.armed.notify_one();
        }
        Deadline { table: self.table.clone(), slot }
    }

    /// Fires every armed deadline due at `now`; returns how many are still armed.
    fn fire_due(&self, now: Instant) -> usize {
        let mut due = Vec::new();
        let armed = {
            let mut slots = self.table.lock();
            let mut fired = 0;
            for e in slots.entries.iter_mut().filter(|e| e.state == State::Armed && e.at <= now) {
                e.state = State::Fired;
                fired += 1;
                due.extend(e.waker.take());
            }
            slots.armed -= fired;
            slots.armed
        };
        due.into_iter().for_each(Waker::wake);
        armed
    }

    /// Deadlines armed now (for the tests).
    #[cfg(test)]
    fn armed(&self) -> usize {
        self.table.lock().armed
    }
}

/// Checks the table every [`TICK`] while a deadline is armed.
async fn sweep(deadlines: Deadlines) {
    loop {
        if deadlines.table.lock().armed == 0 {
            // `notify_one` keeps a permit when nobody waits, so an arm between the check and
            // this wait is not missed.
            deadlines.table.armed.notified().await;
        }
        tokio::time::sleep(TICK).await;
        deadlines.fire_due(Instant::now());
    }
}

/// Ends the sweeper of a [`Deadlines`] when dropped.
pub struct Sweeper(tokio::task::JoinHandle<()>);

impl Drop for Sweeper {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A future that resolves at its deadline (up to one [`TICK`] late).
pub struct Deadline {
    table: Arc<Table>,
    slot: usize,
}

impl Deadline {
    /// Moves the deadline to `at`, re-arming it if it had fired.
    pub fn reset(&mut self, at: Instant) {
        let mut slots = self.table.lock();
        let entry = &mut slots.entries[self.slot];
        let rearmed = entry.state == State::Fired;
        entry.at = at;
        entry.state = State::Armed;
        if rearmed && slots.arm() {
            self.table.armed.notify_one();
        }
    }
}

impl Future for Deadline {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut slots = self.table.lock();
        let entry = &mut slots.entries[self.slot];
        if entry.state == State::Fired {
            return Poll::Ready(());
        }
        match &entry.waker {
            Some(w) if w.will_wake(cx.waker()) => {}
            _ => entry.waker = Some(cx.waker().clone()),
        }
        Poll::Pending
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        let mut slots = self.table.lock();
        let entry = &mut slots.entries[self.slot];
        let was_armed = entry.state == State::Armed;
        entry.state = State::Free;
        entry.waker = None;
        if was_armed {
            slots.armed -= 1;
        }
        slots.free.push(self.slot);
    }
}

/// `future`'s output, or `None` when `deadline` comes first (the future is polled first, so one
/// that is ready is never cut off).
pub async fn timeout<F: Future>(deadline: Deadline, future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut deadline = deadline;
    std::future::poll_fn(move |cx| {
        if let Poll::Ready(v) = future.as_mut().poll(cx) {
            return Poll::Ready(Some(v));
        }
        Pin::new(&mut deadline).poll(cx).map(|()| None)
    })
    .await
}

impl hyper::rt::Sleep for Deadline {}

/// hyper's header-read timeout on the same table.
impl hyper::rt::Timer for Deadlines {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn hyper::rt::Sleep>> {
        Box::pin(self.at(Instant::now() + duration))
    }

    fn sleep_until(&self, deadline: Instant) -> Pin<Box<dyn hyper::rt::Sleep>> {
        Box::pin(self.at(deadline))
    }

    /// hyper resets its header timer for every request of a connection: in place.
    fn reset(&self, sleep: &mut Pin<Box<dyn hyper::rt::Sleep>>, new_deadline: Instant) {
        match sleep.as_mut().downcast_mut_pin::<Deadline>() {
            Some(mut d) => d.as_mut().get_mut().reset(new_deadline),
            None => *sleep = self.sleep_until(new_deadline),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn fires_after_its_deadline_not_before() {
        let (deadlines, _sweeper) = Deadlines::start();
        let start = Instant::now();
        deadlines.at(start + Duration::from_millis(120)).await;
        let waited = start.elapsed();
        assert!(waited >= Duration::from_millis(120), "{waited:?}");
        assert!(waited < Duration::from_millis(120) + 10 * TICK, "{waited:?}");
        assert_eq!(deadlines.armed(), 0);
    }

    #[tokio::test]
    async fn a_ready_future_wins_and_dropping_frees_the_slot() {
        let (deadlines, _sweeper) = Deadlines::start();
        let d = deadlines.at(Instant::now());
        assert_eq!(deadlines.armed(), 1);
        // Due already, but the future is polled first.
        assert_eq!(timeout(d, async { 7 }).await, Some(7));
        assert_eq!(deadlines.armed(), 0);
        let again = deadlines.at(Instant::now() + Duration::from_secs(60));
        assert_eq!(again.slot, 0, "the freed slot is reused");
    }

    #[tokio::test]
    async fn a_slow_future_is_cut_off() {
        let (deadlines, _sweeper) = Deadlines::start();
        let slow = tokio::time::sleep(Duration::from_secs(30));
        let started = Instant::now();
        assert_eq!(timeout(deadlines.at(started + Duration::from_millis(60)), slow).await, None);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[tokio::test]
    async fn reset_moves_and_rearms() {
        let (deadlines, _sweeper) = Deadlines::start();
        let mut d = deadlines.at(Instant::now() + Duration::from_millis(10));
        (&mut d).await;
        assert_eq!(deadlines.armed(), 0);
        let start = Instant::now();
        d.reset(start + Duration::from_millis(100));
        assert_eq!(deadlines.armed(), 1);
        (&mut d).await;
        assert!(start.elapsed() >= Duration::from_millis(100));
        // Moving an armed deadline later keeps it from firing at the old time.
        d.reset(Instant::now() + Duration::from_secs(60));
        assert_eq!(deadlines.fire_due(Instant::now() + Duration::from_secs(1)), 1);
        assert_eq!(deadlines.armed(), 1);
    }

    #[test]
    fn hyper_timer_resets_in_place() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        runtime.block_on(async {
            let (deadlines, _sweeper) = Deadlines::start();
            let timer: &dyn hyper::rt::Timer = &deadlines;
            let mut sleep = timer.sleep(Duration::from_secs(60));
            timer.reset(&mut sleep, Instant::now() + Duration::from_secs(120));
            assert_eq!(deadlines.table.lock().entries.len(), 1, "no second slot");
            assert_eq!(deadlines.armed(), 1);
            drop(sleep);
            assert_eq!(deadlines.armed(), 0);
        });
    }
}
