//! Latency percentiles, and CPU time and memory read from `/proc`.

use std::fs;

/// Latency summary of one side of a workload, microseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Latency {
    pub count: u64,
    pub mean_us: f64,
    pub p50_us: u64,
    pub p90_us: u64,
    pub p99_us: u64,
    pub p999_us: u64,
    pub max_us: u64,
}

impl Latency {
    /// Summarises `samples` (sorted in place). Nearest-rank percentiles.
    pub fn of(samples: &mut [u32]) -> Latency {
        if samples.is_empty() {
            return Latency::default();
        }
        samples.sort_unstable();
        let n = samples.len();
        let rank = |p: f64| -> u64 {
            let i = ((p * n as f64).ceil() as usize).clamp(1, n) - 1;
            u64::from(samples[i])
        };
        let sum: u64 = samples.iter().map(|s| u64::from(*s)).sum();
        Latency {
            count: n as u64,
            mean_us: sum as f64 / n as f64,
            p50_us: rank(0.50),
            p90_us: rank(0.90),
            p99_us: rank(0.99),
            p999_us: rank(0.999),
            max_us: u64::from(samples[n - 1]),
        }
    }
}

/// Clock ticks per second of `/proc/*/stat` times.
pub fn clock_ticks() -> f64 {
    // SAFETY: sysconf has no preconditions.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if ticks > 0 { ticks as f64 } else { 100.0 }
}

/// Fields of `/proc/<pid>/stat` after the command name: (ppid, utime + stime, cutime + cstime).
fn stat_times(pid: &str) -> Option<(i64, u64, u64)> {
    let text = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &text[text.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // fields[0] is the state (field 3 of the file); utime is field 14 → index 11.
    let num = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
    let ppid = fields.get(1)?.parse().ok()?;
    Some((ppid, num(11)? + num(12)?, num(13)? + num(14)?))
}

/// CPU ticks (user + system) of one process, its threads included.
pub fn process_ticks(pid: u32) -> u64 {
    stat_times(&pid.to_string()).map_or(0, |(_, own, _)| own)
}

/// CPU ticks of this process.
pub fn self_ticks() -> u64 {
    stat_times("self").map_or(0, |(_, own, _)| own)
}

/// CPU ticks of a PostgreSQL server: the postmaster, its live children (backends, background
/// workers) and the children it has already reaped.
pub fn postgres_ticks(postmaster: i32) -> u64 {
    let mut total = stat_times(&postmaster.to_string()).map_or(0, |(_, own, reaped)| own + reaped);
    if let Ok(dir) = fs::read_dir("/proc") {
        for entry in dir.flatten() {
            let name = entry.file_name();
            let Some(pid) = name.to_str().filter(|n| n.bytes().all(|b| b.is_ascii_digit())) else { continue };
            if let Some((ppid, own, reaped)) = stat_times(pid)
                && ppid == i64::from(postmaster)
            {
                total += own + reaped;
            }
        }
    }
    total
}

/// How many processes the postmaster has (exited ones not yet reaped included).
pub fn postgres_children(postmaster: i32) -> usize {
    let Ok(dir) = fs::read_dir("/proc") else { return 0 };
    dir.flatten()
        .filter(|e| e.file_name().to_str().is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit())))
        .filter_map(|e| stat_times(e.file_name().to_str()?))
        .filter(|(ppid, _, _)| *ppid == i64::from(postmaster))
        .count()
}

/// CPU ticks of this process's waited-for children (pgbench, once it has exited).
pub fn reaped_children_ticks() -> u64 {
    // SAFETY: getrusage writes only to `usage`.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } != 0 {
        return 0;
    }
    let micros = |t: libc::timeval| t.tv_sec as f64 * 1e6 + t.tv_usec as f64;
    ((micros(usage.ru_utime) + micros(usage.ru_stime)) / 1e6 * clock_ticks()).round() as u64
}

/// CPU ticks the whole machine spent busy (all CPUs: user, nice, system, irq, softirq, steal), to
/// tell how much of it went to processes outside the benchmark.
pub fn machine_busy_ticks() -> u64 {
    let text = fs::read_to_string("/proc/stat").unwrap_or_default();
    let Some(line) = text.lines().find(|l| l.starts_with("cpu ")) else { return 0 };
    let v: Vec<u64> = line.split_whitespace().skip(1).filter_map(|f| f.parse().ok()).collect();
    // user nice system idle iowait irq softirq steal (guest time is included in user)
    [0, 1, 2, 5, 6, 7].iter().filter_map(|i| v.get(*i)).sum()
}

/// A `kB` line of `/proc/<pid>/status` (`VmHWM`, `VmRSS`), in bytes.
pub fn status_bytes(pid: u32, field: &str) -> Option<u64> {
    let text = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = text.lines().find(|l| l.starts_with(field) && l[field.len()..].starts_with(':'))?;
    let kb: u64 = line[field.len() + 1..].trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let mut v: Vec<u32> = (1..=1000).rev().collect();
        let l = Latency::of(&mut v);
        assert_eq!((l.count, l.p50_us, l.p90_us, l.p99_us, l.p999_us, l.max_us), (1000, 500, 900, 990, 999, 1000));
        assert!((l.mean_us - 500.5).abs() < 1e-9);
        assert_eq!(Latency::of(&mut []), Latency::default());
        assert_eq!(Latency::of(&mut [7]).p99_us, 7);
    }

    #[test]
    fn reads_own_process() {
        assert!(status_bytes(std::process::id(), "VmHWM").is_some_and(|b| b > 0));
        assert!(status_bytes(std::process::id(), "NoSuchField").is_none());
        let _ = self_ticks();
        assert!(clock_ticks() > 0.0);
        assert!(machine_busy_ticks() > 0);
    }
}
