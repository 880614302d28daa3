//! UTC timestamps without a date library.
//!
//! The database stores `timestamp without time zone` columns that hold UTC (the old system wrote
//! JS `Date`s as UTC ISO strings), so one UTC instant type is all we need: no time zones, no
//! calendar arithmetic beyond converting civil dates to day counts and back (Howard Hinnant's
//! `days_from_civil` / `civil_from_days`, <https://howardhinnant.github.io/date_algorithms.html>).

use std::fmt;

const MICROS_PER_SECOND: i64 = 1_000_000;
const MICROS_PER_DAY: i64 = 86_400 * MICROS_PER_SECOND;
/// 2000-01-01T00:00:00Z in microseconds since the Unix epoch: PostgreSQL's binary timestamp
/// epoch.
const PG_EPOCH_MICROS: i64 = 10_957 * MICROS_PER_DAY;

/// An instant in UTC: microseconds since 1970-01-01T00:00:00Z.
///
/// Microseconds because that is PostgreSQL's timestamp resolution, so values read from the
/// database survive a round trip unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Parses an ISO 8601 / RFC 3339 timestamp sent by a client:
    ///
    /// - `YYYY-MM-DD` (midnight UTC), or
    /// - `YYYY-MM-DD` + `T`/`t`/space + `HH:MM:SS`, then an optional fraction of 1–9 digits
    ///   (microseconds are kept, further digits truncated), then `Z`/`z`, `±HH:MM`, `±HHMM` or
    ///   nothing (no offset means UTC: that is what the old system stored).
    ///
    /// Years 0001–9999; month, day (leap years included), hour 0–23, minute and second 0–59
    /// (no leap second: PostgreSQL would roll `:60` into the next minute, we reject it).
    /// Anything else is `None`.
    pub fn parse(s: &str) -> Option<Timestamp> {
        let b = s.as_bytes();
        let year = digits(b, 0, 4)?;
        let month = digits(b, 5, 2)?;
        let day = digits(b, 8, 2)?;
        if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        if year == 0 || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let days = days_from_civil(year, month, day);
        if b.len() == 10 {
            return Some(Timestamp(days * MICROS_PER_DAY));
        }
        if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
            return None;
        }
        let (hour, minute, second) = (digits(b, 11, 2)?, digits(b, 14, 2)?, digits(b, 17, 2)?);
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        let mut i = 19;
        let mut micros = 0;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while let Some(d) = b.get(i).filter(|d| d.is_ascii_digit()) {
                if i - start < 6 {
                    micros = micros * 10 + i64::from(d - b'0');
                }
                i += 1;
            }
            let n = i - start;
            if n == 0 || n > 9 {
                return None;
            }
            for _ in n..6 {
                micros *= 10;
            }
        }
        let offset_seconds = match b.get(i) {
            None => 0,
            Some(b'Z' | b'z') if b.len() == i + 1 => 0,
            Some(&sign @ (b'+' | b'-')) => {
                let oh = digits(b, i + 1, 2)?;
                let om = match b.len() - i {
                    6 if b.get(i + 3) == Some(&b':') => digits(b, i + 4, 2)?,
                    5 => digits(b, i + 3, 2)?,
                    _ => return None,
                };
                if oh > 23 || om > 59 {
                    return None;
                }
                let offset = (oh * 60 + om) * 60;
                if sign == b'+' { offset } else { -offset }
            }
            _ => return None,
        };
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_seconds;
        let t = Timestamp(seconds * MICROS_PER_SECOND + micros);
        // The offset may carry the instant out of years 1–9999 (`0001-01-01T00:00:00+01:00`):
        // such a value would be stored but rendered as text `parse` itself refuses.
        (Timestamp::MIN..=Timestamp::MAX).contains(&t).then_some(t)
    }

    /// The earliest accepted instant, 0001-01-01T00:00:00Z.
    pub const MIN: Timestamp = Timestamp(-62_135_596_800 * MICROS_PER_SECOND);
    /// The latest accepted instant, 9999-12-31T23:59:59.999999Z.
    pub const MAX: Timestamp = Timestamp(253_402_300_800 * MICROS_PER_SECOND - 1);

    /// `2026-02-22T10:00:00.123Z`: millisecond precision, exactly like JS `Date.toJSON`, because
    /// that is what clients of the old system received and parse (sub-millisecond digits are
    /// truncated toward the past).
    pub fn to_iso8601(self) -> String {
        let mut out = String::with_capacity(27);
        self.write_iso8601(&mut out);
        out
    }

    /// Appends [`Timestamp::to_iso8601`]'s text to `out` (for serializing rows without a
    /// temporary string per value).
    ///
    /// Years outside 0000–9999 (only reachable from database values, e.g. PostgreSQL's
    /// `infinity`) use JS's extended form, `+010000-01-01T00:00:00.000Z` / `-000001-…`.
    pub fn write_iso8601(self, out: &mut String) {
        let days = self.0.div_euclid(MICROS_PER_DAY);
        let micros_of_day = self.0.rem_euclid(MICROS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        let seconds_of_day = micros_of_day / MICROS_PER_SECOND;
        let millis = micros_of_day % MICROS_PER_SECOND / 1_000;
        out.reserve(27);
        if (0..=9_999).contains(&year) {
            push_fixed::<4>(out, year);
        } else {
            out.push(if year < 0 { '-' } else { '+' });
            // Any i64 of microseconds is within 300,000 years of 1970: six digits hold the year.
            push_fixed::<6>(out, year.abs());
        }
        out.push('-');
        push_fixed::<2>(out, month);
        out.push('-');
        push_fixed::<2>(out, day);
        out.push('T');
        push_fixed::<2>(out, seconds_of_day / 3_600);
        out.push(':');
        push_fixed::<2>(out, seconds_of_day / 60 % 60);
        out.push(':');
        push_fixed::<2>(out, seconds_of_day % 60);
        out.push('.');
        push_fixed::<3>(out, millis);
        out.push('Z');
    }

    /// From PostgreSQL's binary timestamp: microseconds since 2000-01-01T00:00:00.
    /// PostgreSQL's `infinity` / `-infinity` (`i64::MAX` / `i64::MIN`) are kept as they are, so
    /// they survive a round trip through [`Timestamp::to_pg`].
    pub fn from_pg(micros_since_2000: i64) -> Timestamp {
        match micros_since_2000 {
            i64::MAX | i64::MIN => Timestamp(micros_since_2000),
            m => Timestamp(m.saturating_add(PG_EPOCH_MICROS)),
        }
    }

    /// To PostgreSQL's binary timestamp (see [`Timestamp::from_pg`]).
    pub fn to_pg(self) -> i64 {
        match self.0 {
            i64::MAX | i64::MIN => self.0,
            m => m.saturating_sub(PG_EPOCH_MICROS),
        }
    }

    /// From Unix seconds (saturating far outside any real date).
    pub fn from_unix_seconds(s: i64) -> Timestamp {
        Timestamp(s.saturating_mul(MICROS_PER_SECOND))
    }

    /// Unix seconds, rounded toward the past (so `-0.5 s` is `-1`).
    pub fn unix_seconds(self) -> i64 {
        self.0.div_euclid(MICROS_PER_SECOND)
    }
}

impl fmt::Display for Timestamp {
    /// The [`Timestamp::to_iso8601`] text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::with_capacity(27);
        self.write_iso8601(&mut s);
        f.write_str(&s)
    }
}

/// The `n` ASCII digits at `b[at..at + n]` as a number; `None` if any is missing or not a digit.
fn digits(b: &[u8], at: usize, n: usize) -> Option<i64> {
    b.get(at..at.checked_add(n)?)?
        .iter()
        .try_fold(0, |acc, &d| d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0')))
}

/// Appends the last `W` digits of `n` (non-negative), zero-padded. The width is a constant, so
/// the divisions are by constants (multiplications), not by a variable divisor as before: a
/// timestamp 37 → 31 ns (divan, `json` bench); W3 writes one per message.
fn push_fixed<const W: u32>(out: &mut String, n: i64) {
    let mut div = 10_i64.pow(W - 1);
    while div > 0 {
        out.push(char::from(b'0' + (n / div % 10) as u8));
        div /= 10;
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (`month` 1–12, `day` 1–31).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian `(year, month, day)` of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Parses a duration as the configuration writes it: a number with a unit `ms`, `s`, `m` or `h`
/// (`500ms`, `5s`, `30m`, `1h`); a bare number means seconds. Shared by the server's flags and
/// the edge's vars, so both tiers read `SALESGATE_JWT_LEEWAY` the same way.
pub fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    use std::time::Duration;
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let n: u64 = number.parse().map_err(|_| format!("{s:?} is not a duration such as 500ms, 5s, 30m or 1h"))?;
    let d = match unit.trim() {
        "ms" => Duration::from_millis(n),
        "" | "s" => Duration::from_secs(n),
        "m" => Duration::from_secs(n.saturating_mul(60)),
        "h" => Duration::from_secs(n.saturating_mul(3600)),
        other => return Err(format!("unknown duration unit {other:?} in {s:?}: use ms, s, m or h")),
    };
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<i64> {
        Timestamp::parse(s).map(|t| t.0)
    }

    fn iso(micros: i64) -> String {
        Timestamp(micros).to_iso8601()
    }

    #[test]
    fn epochs() {
        assert_eq!(p("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(Timestamp::parse("2000-01-01T00:00:00Z").map(Timestamp::to_pg), Some(0));
        assert_eq!(Timestamp::from_pg(0).to_iso8601(), "2000-01-01T00:00:00.000Z");
        assert_eq!(Timestamp::from_pg(0).unix_seconds(), 946_684_800);
        assert_eq!(iso(0), "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn known_values() {
        // date -u -d 2024-02-29T12:34:56Z +%s
        assert_eq!(p("2024-02-29T12:34:56Z"), Some(1_709_210_096 * MICROS_PER_SECOND));
        assert_eq!(iso(1_709_210_096 * MICROS_PER_SECOND), "2024-02-29T12:34:56.000Z");
        assert_eq!(p("2026-02-22T10:00:00.123Z"), Some(1_771_754_400_123_000));
        assert_eq!(iso(1_771_754_400_123_000), "2026-02-22T10:00:00.123Z");
        assert_eq!(p("0001-01-01T00:00:00Z"), Some(-62_135_596_800 * MICROS_PER_SECOND));
        assert_eq!(p("9999-12-31T23:59:59.999999Z"), Some(253_402_300_799_999_999));
        assert_eq!(iso(253_402_300_799_999_999), "9999-12-31T23:59:59.999Z");
        assert_eq!(p("1900-03-01"), Some(-2_203_891_200 * MICROS_PER_SECOND));
        assert_eq!(p("2100-03-01"), Some(4_107_542_400 * MICROS_PER_SECOND));
    }

    #[test]
    fn negative_pg_values_and_pre_epoch_instants() {
        assert_eq!(Timestamp::from_pg(-1).to_iso8601(), "1999-12-31T23:59:59.999Z");
        assert_eq!(Timestamp::from_pg(-86_400 * MICROS_PER_SECOND).to_iso8601(), "1999-12-31T00:00:00.000Z");
        assert_eq!(iso(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(iso(-1_000), "1969-12-31T23:59:59.999Z");
        assert_eq!(iso(-1_001), "1969-12-31T23:59:59.998Z");
        assert_eq!(Timestamp(-1).unix_seconds(), -1);
        assert_eq!(Timestamp(-1_000_000).unix_seconds(), -1);
        assert_eq!(Timestamp::from_unix_seconds(-5).0, -5_000_000);
        let t = Timestamp::parse("1960-07-04T01:02:03.5Z").expect("valid");
        assert_eq!(Timestamp::from_pg(t.to_pg()), t);
        assert!(t.to_pg() < 0);
    }

    #[test]
    fn round_trips() {
        for s in [
            "2024-02-29T00:00:00.000Z",
            "1970-01-01T00:00:00.001Z",
            "0001-01-01T00:00:00.000Z",
            "9999-12-31T23:59:59.999Z",
            "1600-02-29T12:00:00.500Z",
            "2038-01-19T03:14:08.000Z",
        ] {
            assert_eq!(Timestamp::parse(s).map(Timestamp::to_iso8601).as_deref(), Some(s));
        }
        // Every day over several 400-year cycles (both sides of the epoch) converts both ways.
        for days in -800_000..800_000 {
            let (y, m, d) = civil_from_days(days);
            assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m), "{days}: {y}-{m}-{d}");
            assert_eq!(days_from_civil(y, m, d), days);
        }
        for micros in [0, 1, -1, 999_999, i64::MAX / 2, i64::MIN / 2, 1_771_754_400_123_456] {
            assert_eq!(Timestamp::from_pg(Timestamp(micros).to_pg()), Timestamp(micros));
        }
        assert_eq!(Timestamp::from_unix_seconds(1_700_000_000).unix_seconds(), 1_700_000_000);
    }

    #[test]
    fn infinity_survives_and_extremes_do_not_panic() {
        for m in [i64::MAX, i64::MIN] {
            assert_eq!(Timestamp::from_pg(m).to_pg(), m);
        }
        assert_eq!(Timestamp(i64::MAX).to_iso8601(), "+294247-01-10T04:00:54.775Z");
        assert_eq!(Timestamp(i64::MIN).to_iso8601(), "-290308-12-21T19:59:05.224Z");
        assert_eq!(Timestamp::from_pg(i64::MAX - 1).0, i64::MAX);
        assert_eq!(Timestamp(i64::MIN + 1).to_pg(), i64::MIN);
        assert_eq!(Timestamp::from_unix_seconds(i64::MAX).0, i64::MAX);
        assert_eq!(Timestamp(i64::MIN).unix_seconds(), i64::MIN / 1_000_000 - 1);
        assert_eq!(iso(days_from_civil(10_000, 1, 1) * MICROS_PER_DAY), "+010000-01-01T00:00:00.000Z");
        assert_eq!(iso(days_from_civil(0, 1, 1) * MICROS_PER_DAY), "0000-01-01T00:00:00.000Z");
        assert_eq!(iso(days_from_civil(-1, 1, 1) * MICROS_PER_DAY), "-000001-01-01T00:00:00.000Z");
    }

    #[test]
    fn formatting_pads() {
        assert_eq!(
            Timestamp::parse("0042-03-04T05:06:07.008Z").map(Timestamp::to_iso8601).as_deref(),
            Some("0042-03-04T05:06:07.008Z")
        );
        let mut out = String::from("[");
        Timestamp(0).write_iso8601(&mut out);
        out.push(']');
        assert_eq!(out, "[1970-01-01T00:00:00.000Z]");
        assert_eq!(Timestamp(1_500).to_string(), "1970-01-01T00:00:00.001Z");
    }

    #[test]
    fn offsets_shift_to_utc() {
        let utc = p("2024-06-01T12:00:00Z");
        assert_eq!(p("2024-06-01T15:30:00+03:30"), utc);
        assert_eq!(p("2024-06-01T15:30:00+0330"), utc);
        assert_eq!(p("2024-06-01T07:00:00-05:00"), utc);
        assert_eq!(p("2024-06-01T12:00:00-00:00"), utc);
        assert_eq!(p("2024-06-01T12:00:00"), utc, "no offset is UTC");
        assert_eq!(p("2024-06-01t12:00:00z"), utc);
        assert_eq!(p("2024-06-01 12:00:00Z"), utc);
        // Crossing a day, a year and a leap day.
        assert_eq!(
            Timestamp::parse("2024-01-01T01:00:00+02:00").map(|t| t.to_iso8601()).as_deref(),
            Some("2023-12-31T23:00:00.000Z")
        );
        assert_eq!(
            Timestamp::parse("2024-02-28T23:00:00-01:00").map(|t| t.to_iso8601()).as_deref(),
            Some("2024-02-29T00:00:00.000Z")
        );
        assert_eq!(p("2024-06-01"), p("2024-06-01T00:00:00Z"));
    }

    #[test]
    fn fractions_keep_micros_and_truncate_the_rest() {
        let base = p("2024-06-01T00:00:00Z").expect("valid");
        assert_eq!(p("2024-06-01T00:00:00.1Z"), Some(base + 100_000));
        assert_eq!(p("2024-06-01T00:00:00.12Z"), Some(base + 120_000));
        assert_eq!(p("2024-06-01T00:00:00.123456Z"), Some(base + 123_456));
        assert_eq!(p("2024-06-01T00:00:00.123456789Z"), Some(base + 123_456));
        assert_eq!(p("2024-06-01T00:00:00.999999999+01:00"), Some(base - 3_600_000_000 + 999_999));
        assert_eq!(p("2024-06-01T00:00:00.000001"), Some(base + 1));
        // Output keeps milliseconds only, truncating.
        assert_eq!(iso(base + 123_999), "2024-06-01T00:00:00.123Z");
    }

    #[test]
    fn rejects() {
        for s in [
            "",
            "2023-02-29",
            "2023-02-29T00:00:00Z",
            "1900-02-29",
            "2024-02-30",
            "2024-04-31",
            "2024-00-10",
            "2024-13-01",
            "2024-01-00",
            "2024-01-32",
            "0000-01-01",
            "2024-01-01T24:00:00Z",
            "2024-01-01T23:60:00Z",
            "2024-01-01T23:59:60Z",
            "2024-01-01T12:00Z",
            "2024-01-01T12:00",
            "2024-1-01",
            "2024-01-1",
            "24-01-01",
            "2024/01/01",
            "2024-01-01T",
            "2024-01-01X12:00:00Z",
            "2024-01-01T1:00:00Z",
            "2024-01-01T12:00:00.Z",
            "2024-01-01T12:00:00.",
            "2024-01-01T12:00:00.1234567890Z",
            "2024-01-01T12:00:00,5Z",
            "2024-01-01T12:00:00ZZ",
            "2024-01-01T12:00:00Z ",
            " 2024-01-01T12:00:00Z",
            "2024-01-01T12:00:00 Z",
            "2024-01-01T12:00:00+",
            "2024-01-01T12:00:00+01",
            "2024-01-01T12:00:00+1:00",
            "2024-01-01T12:00:00+01:0",
            "2024-01-01T12:00:00+01:000",
            "2024-01-01T12:00:00+01-00",
            "2024-01-01T12:00:00+24:00",
            "2024-01-01T12:00:00+01:60",
            "2024-01-01T12:00:00+01:00x",
            "2024-01-01T12:00:00UTC",
            "2024-01-01garbage",
            "2024-01-01T12:00:00Zgarbage",
            "+12024-01-01",
            "12024-01-01T00:00:00Z",
            "99999999999999999999-01-01",
            "-2024-01-01",
            "２０２４-01-01",
            "2024-01-01T12:00:00.١Z",
            "2024-01-01T12:00:00\u{0}",
        ] {
            assert_eq!(Timestamp::parse(s), None, "{s:?}");
        }
    }

    #[test]
    fn never_panics_on_prefixes_and_odd_bytes() {
        let full = "2024-02-29T23:59:59.123456789+14:59";
        for i in 0..=full.len() {
            let _ = Timestamp::parse(&full[..i]);
            let mut s = full.to_string();
            s.replace_range(i.min(full.len() - 1)..i.min(full.len() - 1) + 1, "é");
            let _ = Timestamp::parse(&s);
        }
    }

    #[test]
    fn durations() {
        use std::time::Duration;
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_duration("7"), Ok(Duration::from_secs(7)));
        assert_eq!(parse_duration("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert!(parse_duration("1d").is_err());
        assert!(parse_duration("fast").is_err());
        assert!(parse_duration("").is_err());
    }
}
