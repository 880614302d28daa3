//! Conversions between PostgreSQL's binary wire format and salesgate's values, without a date
//! library: `timestamp` is an i64 of microseconds since 2000-01-01, `jsonb` is a version byte
//! followed by JSON text (which is copied into responses as is, never re-parsed).

use bytes::{BufMut, BytesMut};
use salesgate_core::time::Timestamp;
use salesgate_core::validate::Value;
use std::error::Error;
use tokio_postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};

type BoxError = Box<dyn Error + Sync + Send>;

/// A checked body value as a statement parameter.
#[derive(Debug)]
pub struct Param<'a>(pub &'a Value);

impl ToSql for Param<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Text(s) => s.to_sql(ty, out),
            Value::Int(i) => i.to_sql(ty, out),
            Value::Real(f) => f.to_sql(ty, out),
            Value::Bool(b) => b.to_sql(ty, out),
            Value::Timestamp(t) => PgTimestamp(*t).to_sql(ty, out),
            Value::Json(j) => j.to_sql(ty, out),
            Value::TextArray(items) => items.to_sql(ty, out),
        }
    }

    /// Types are checked by the validation that produced the value (it follows the column's
    /// model type); the inner `to_sql` calls reject a mismatch with the statement anyway.
    fn accepts(_ty: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// A `timestamp without time zone` holding UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PgTimestamp(pub Timestamp);

impl<'a> FromSql<'a> for PgTimestamp {
    fn from_sql(_ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        let bytes: [u8; 8] = raw.try_into().map_err(|_| "timestamp: expected 8 bytes")?;
        Ok(PgTimestamp(Timestamp::from_pg(i64::from_be_bytes(bytes))))
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::TIMESTAMP
    }
}

impl ToSql for PgTimestamp {
    fn to_sql(&self, _ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        out.put_i64(self.0.to_pg());
        Ok(IsNull::No)
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::TIMESTAMP
    }

    to_sql_checked!();
}

/// A `jsonb` (or `json`) value as its JSON text, borrowed from the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawJson<'a>(pub &'a str);

impl<'a> FromSql<'a> for RawJson<'a> {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        let text = if *ty == Type::JSONB {
            match raw.split_first() {
                Some((1, rest)) => rest,
                _ => return Err("jsonb: unsupported binary version".into()),
            }
        } else {
            raw
        };
        Ok(RawJson(utf8(text)?))
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::JSONB || *ty == Type::JSON
    }
}

/// A text column (`varchar`, `text`, …) borrowed from the row, as `&str` is, but validated as
/// UTF-8 with SIMD: std's validation of every text column was 5.8% of the server's CPU on W3
/// (Cyrillic message texts leave its ASCII fast path). Still validated: a `SQL_ASCII` database
/// hands out bytes unchecked, and an answer must be valid JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text<'a>(pub &'a str);

impl<'a> FromSql<'a> for Text<'a> {
    fn from_sql(_: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        Ok(Text(utf8(raw)?))
    }

    fn accepts(ty: &Type) -> bool {
        <&str as FromSql>::accepts(ty)
    }
}

/// A one-dimensional `text[]` / `varchar[]` borrowed from the row. The array's whole buffer is
/// validated as UTF-8 once (SIMD), and each element taken from it with a boundary check: W4's
/// 25 flag names cost 25 validations by std before (5.5% of W4's instructions, callgrind). When
/// the buffer is not UTF-8 as a whole (element lengths or header bytes ≥ 0x80, long arrays),
/// each element is validated on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextArray<'a>(pub Vec<Option<&'a str>>);

impl<'a> FromSql<'a> for TextArray<'a> {
    fn from_sql(_: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        use postgres_protocol::types::array_from_sql;
        use tokio_postgres::fallible_iterator::FallibleIterator;
        let array = array_from_sql(raw)?;
        let mut dimensions = array.dimensions();
        let len = dimensions.next()?.map_or(0, |d| d.len.max(0) as usize);
        if dimensions.next()?.is_some() {
            return Err("text array: more than one dimension".into());
        }
        let whole = simdutf8::basic::from_utf8(raw).ok();
        // Sized from the header, bounded by what the buffer can hold (4 bytes per element).
        let mut items = Vec::with_capacity(len.min(raw.len() / 4));
        let mut values = array.values();
        while let Some(value) = values.next()? {
            items.push(match value {
                None => None,
                Some(bytes) => {
                    let start = bytes.as_ptr() as usize - raw.as_ptr() as usize;
                    match whole.and_then(|w| w.get(start..start + bytes.len())) {
                        Some(s) => Some(s),
                        None => Some(utf8(bytes)?),
                    }
                }
            });
        }
        Ok(TextArray(items))
    }

    fn accepts(ty: &Type) -> bool {
        match ty.kind() {
            tokio_postgres::types::Kind::Array(member) => <&str as FromSql>::accepts(member),
            _ => false,
        }
    }
}

/// A one-dimensional `bool[]` without NULLs, read in one pass over the buffer (PostgreSQL's
/// binary array: ndim, flags, element type, then per dimension its length and lower bound, then
/// each element as a length and its bytes). W4's two `bool[]` columns through `Vec<bool>` and
/// postgres-protocol's element iterator were 7% of its instructions (callgrind). A NULL element
/// is an error, as with `Vec<bool>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoolArray(pub Vec<bool>);

impl<'a> FromSql<'a> for BoolArray {
    fn from_sql(_: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        let word = |at: usize| -> Result<i32, BoxError> {
            raw.get(at..at + 4)
                .and_then(|b| b.try_into().ok())
                .map(i32::from_be_bytes)
                .ok_or_else(|| "bool array: the buffer ends early".into())
        };
        match word(0)? {
            0 => return Ok(BoolArray(Vec::new())),
            1 => {}
            _ => return Err("bool array: more than one dimension".into()),
        }
        let len = usize::try_from(word(12)?).map_err(|_| "bool array: a negative length")?;
        // Each element takes 5 bytes: 4 of length, 1 of value.
        let elements = raw.get(20..).ok_or("bool array: the buffer ends early")?;
        if elements.len() != len.saturating_mul(5) {
            return Err(if elements.chunks(5).any(|e| e.starts_with(&[0xff; 4])) {
                "bool array: a NULL element".into()
            } else {
                "bool array: elements of the wrong size".into()
            });
        }
        let mut out = Vec::with_capacity(len);
        for element in elements.chunks_exact(5) {
            match element {
                [0, 0, 0, 1, v] => out.push(*v != 0),
                _ => return Err("bool array: an element of the wrong size".into()),
            }
        }
        Ok(BoolArray(out))
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::BOOL_ARRAY
    }
}

/// `raw` as UTF-8, or the position of the first invalid byte.
fn utf8(raw: &[u8]) -> Result<&str, BoxError> {
    match simdutf8::basic::from_utf8(raw) {
        Ok(s) => Ok(s),
        // The fast check says only "invalid"; std's says where.
        Err(_) => Ok(std::str::from_utf8(raw)?),
    }
}

/// Exact powers of ten as `f64` (10^22 is the largest that is exact).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The 8 ASCII digits at `b[i..i + 8]` as a number, if they are 8 digits (the SWAR trick of
/// fast_float: a few multiplications instead of eight dependent ones).
fn eight_digits(b: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
    let v = u64::from_le_bytes(chunk);
    let high = v & 0xF0F0_F0F0_F0F0_F0F0;
    let carried = (v.wrapping_add(0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4;
    if high | carried != 0x3333_3333_3333_3333 {
        return None;
    }
    const MASK: u64 = 0x0000_00FF_0000_00FF;
    let v = v.wrapping_sub(0x3030_3030_3030_3030);
    let v = v.wrapping_mul(10).wrapping_add(v >> 8);
    let v = (v & MASK)
        .wrapping_mul(0x000F_4240_0000_0064)
        .wrapping_add(((v >> 16) & MASK).wrapping_mul(0x0000_2710_0000_0001));
    Some(v >> 32)
}

/// The digits from `b[i]` on, added to `mantissa` while it has fewer than 19 (`count` counts
/// them all, so more than 19 says the mantissa is incomplete). Returns the index after them.
fn digits(b: &[u8], mut i: usize, mantissa: &mut u64, count: &mut u32) -> usize {
    while *count + 8 <= 19 {
        let Some(v) = eight_digits(b, i) else { break };
        *mantissa = *mantissa * 100_000_000 + v;
        *count += 8;
        i += 8;
    }
    while let Some(&d @ b'0'..=b'9') = b.get(i) {
        if *count < 19 {
            *mantissa = *mantissa * 10 + u64::from(d - b'0');
        }
        *count += 1;
        i += 1;
    }
    i
}

/// One JSON number starting at `start`: its value and the index after it. Strict JSON grammar
/// (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`); a decimal of at most 19 digits whose
/// value is below 2^53 and whose exponent is within 10^±22 is converted exactly without
/// `str::parse` (Clinger's fast path: one correctly rounded multiplication or division), the
/// rest by `str::parse`. Non-finite values (`1e400`) are refused.
fn json_number(text: &str, start: usize) -> Option<(f64, usize)> {
    let b = text.as_bytes();
    let mut i = start;
    let negative = b.get(i) == Some(&b'-');
    if negative {
        i += 1;
    }
    let (mut mantissa, mut count, mut exp10) = (0u64, 0u32, 0i32);
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i = digits(b, i, &mut mantissa, &mut count),
        _ => return None,
    }
    if b.get(i) == Some(&b'.') {
        let first = i + 1;
        i = digits(b, first, &mut mantissa, &mut count);
        if i == first {
            return None;
        }
        exp10 -= (i - first) as i32;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        let sign = match b.get(i) {
            Some(b'-') => {
                i += 1;
                -1
            }
            Some(b'+') => {
                i += 1;
                1
            }
            _ => 1,
        };
        let (first, mut e) = (i, 0i32);
        while let Some(&d @ b'0'..=b'9') = b.get(i) {
            e = (e * 10 + i32::from(d - b'0')).min(100_000);
            i += 1;
        }
        if i == first {
            return None;
        }
        exp10 += sign * e;
    }
    let value = if count <= 19 && mantissa <= 1 << 53 && (-22..=22).contains(&exp10) {
        let m = mantissa as f64;
        let v = if exp10 >= 0 { m * POW10[exp10 as usize] } else { m / POW10[(-exp10) as usize] };
        if negative { -v } else { v }
    } else {
        text.get(start..i)?.parse::<f64>().ok()?
    };
    value.is_finite().then_some((value, i))
}

/// Walks the JSON text of an array of numbers (`[0.12,-3e-4]`, JSON whitespace allowed), calling
/// `each(index, value)` for every item in order; `each` returning `false` ends the walk with
/// `None`. Returns the number of items, or `None` when the text is not a JSON array of finite
/// numbers or holds more than `max` of them. Linear in the text and allocation-free, so a
/// stored embedding costs bounded work whatever it holds.
pub fn scan_numbers(text: &str, max: usize, mut each: impl FnMut(usize, f64) -> bool) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'[') {
        return None;
    }
    i = skip_ws(b, i + 1);
    if b.get(i) == Some(&b']') {
        return (skip_ws(b, i + 1) == b.len()).then_some(0);
    }
    let mut n = 0;
    loop {
        if n == max {
            return None;
        }
        let (value, end) = json_number(text, i)?;
        if !each(n, value) {
            return None;
        }
        n += 1;
        i = skip_ws(b, end);
        match b.get(i) {
            Some(b',') => i = skip_ws(b, i + 1),
            Some(b']') => return (skip_ws(b, i + 1) == b.len()).then_some(n),
            _ => return None,
        }
    }
}

/// Appends a finite `x` as JavaScript's `Number.prototype.toString` (and so `JSON.stringify`)
/// writes it: the shortest digits that read back as `x`, plain between 1e-7 and 1e21
/// (`0.000001`, `123.5`), exponent form outside (`1e-7`, `1.5e+21`), `-0` as `0`. The old
/// application wrote embeddings with `JSON.stringify`; text written the same way reads back
/// unchanged there.
pub fn push_js_number(out: &mut String, x: f64) {
    use std::fmt::Write as _;
    if x == 0.0 || !x.is_finite() {
        out.push('0');
        return;
    }
    if x < 0.0 {
        out.push('-');
    }
    // Rust's `{:e}` gives the shortest round-trip digits: `d[.ddd]e<exp>`.
    let mut buf = String::with_capacity(32);
    let _ = write!(buf, "{:e}", x.abs());
    let (mantissa, exp) = buf.split_once('e').unwrap_or((buf.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let (k, n) = (digits.len() as i32, exp + 1);
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        out.push_str(&digits[..n as usize]);
        out.push('.');
        out.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "e{}{}", if n - 1 < 0 { '-' } else { '+' }, (n - 1).abs());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn js(x: f64) -> String {
        let mut s = String::new();
        push_js_number(&mut s, x);
        s
    }

    #[test]
    fn text_columns_are_validated_utf8() {
        let cyrillic = "Здравствуйте! Нужна коробка передач на Camry 2012, VIN JTNBE46K803123456.";
        assert_eq!(Text::from_sql(&Type::TEXT, cyrillic.as_bytes()).expect("valid").0, cyrillic);
        assert_eq!(Text::from_sql(&Type::VARCHAR, b"").expect("empty").0, "");
        // Invalid UTF-8 (what a SQL_ASCII database may hold) is an error naming the position.
        let mut bad = cyrillic.as_bytes()[..10].to_vec();
        bad.extend_from_slice(&[0xff, b'a']);
        let e = Text::from_sql(&Type::TEXT, &bad).expect_err("invalid");
        assert!(e.to_string().contains("index 10"), "{e}");
        let e = RawJson::from_sql(&Type::JSON, b"\"\xc3\"").expect_err("invalid json text");
        assert!(e.to_string().contains("utf-8"), "{e}");
        assert!(<Text as FromSql>::accepts(&Type::VARCHAR) && <Text as FromSql>::accepts(&Type::TEXT));
        assert!(!<Text as FromSql>::accepts(&Type::INT4));
    }

    #[test]
    fn bool_arrays_read_what_the_protocol_crate_writes() {
        let encode = |items: &[Option<bool>], dims: Option<i32>| {
            let mut out = BytesMut::new();
            postgres_protocol::types::array_to_sql(
                dims.map(|len| postgres_protocol::types::ArrayDimension { len, lower_bound: 1 }),
                Type::BOOL.oid(),
                items.iter(),
                |item, buf| match item {
                    Some(b) => {
                        postgres_protocol::types::bool_to_sql(*b, buf);
                        Ok(postgres_protocol::IsNull::No)
                    }
                    None => Ok(postgres_protocol::IsNull::Yes),
                },
                &mut out,
            )
            .expect("encode");
            out
        };
        let decode = |raw: &[u8]| BoolArray::from_sql(&Type::BOOL_ARRAY, raw).map(|a| a.0);
        for items in [vec![], vec![true], vec![false, true, true, false, false]] {
            let wrapped: Vec<Option<bool>> = items.iter().copied().map(Some).collect();
            let raw = encode(&wrapped, (!items.is_empty()).then_some(items.len() as i32));
            assert_eq!(decode(&raw).expect("valid"), items);
            assert_eq!(Vec::<bool>::from_sql(&Type::BOOL_ARRAY, &raw).expect("valid"), items, "as Vec<bool> reads it");
        }
        let with_null = encode(&[Some(true), None], Some(2));
        assert_eq!(decode(&with_null).expect_err("NULL").to_string(), "bool array: a NULL element");
        let raw = encode(&[Some(true), Some(false)], Some(2));
        assert!(decode(&raw[..raw.len() - 1]).is_err(), "truncated");
        assert!(decode(&raw[..10]).is_err(), "truncated header");
        let mut two_dims = raw.to_vec();
        two_dims[3] = 2;
        assert!(decode(&two_dims).is_err());
        assert!(<BoolArray as FromSql>::accepts(&Type::BOOL_ARRAY) && !<BoolArray as FromSql>::accepts(&Type::BOOL));
    }

    #[test]
    fn text_arrays_are_validated_whole_or_per_element() {
        let encode = |items: &[Option<&[u8]>]| {
            let mut out = BytesMut::new();
            postgres_protocol::types::array_to_sql(
                Some(postgres_protocol::types::ArrayDimension { len: items.len() as i32, lower_bound: 1 }),
                Type::TEXT.oid(),
                items.iter(),
                |item, buf| match item {
                    Some(bytes) => {
                        buf.put_slice(bytes);
                        Ok(postgres_protocol::IsNull::No)
                    }
                    None => Ok(postgres_protocol::IsNull::Yes),
                },
                &mut out,
            )
            .expect("encode");
            out
        };
        let decode = |raw: &[u8]| {
            TextArray::from_sql(&Type::TEXT_ARRAY, raw)
                .map(|a| a.0.iter().map(|s| s.map(str::to_string)).collect::<Vec<_>>())
        };
        // Whole buffer UTF-8: ASCII, Cyrillic, an empty string and a NULL.
        let flags = [Some("RAG_ENABLED".as_bytes()), Some("Доставка".as_bytes()), Some(b""), None];
        let want: Vec<Option<String>> =
            flags.iter().map(|f| f.map(|b| String::from_utf8(b.to_vec()).expect("utf8"))).collect();
        assert_eq!(decode(&encode(&flags)).expect("valid"), want);
        // A 200-byte element: its length's low byte (0xc8) makes the buffer invalid as a whole,
        // so each element is checked on its own, and still read.
        let long = "ж".repeat(100);
        let mixed = [Some(long.as_bytes()), Some("AI".as_bytes())];
        assert_eq!(decode(&encode(&mixed)).expect("valid elements"), [Some(long.clone()), Some("AI".into())]);
        // An invalid element is an error, with the buffer valid or not as a whole.
        assert!(decode(&encode(&[Some(b"ok"), Some(b"\xff")])).is_err());
        assert!(decode(&encode(&[Some(long.as_bytes()), Some(b"\xc3")])).is_err());
        assert!(<TextArray as FromSql>::accepts(&Type::VARCHAR_ARRAY));
        assert!(!<TextArray as FromSql>::accepts(&Type::TEXT) && !<TextArray as FromSql>::accepts(&Type::INT4_ARRAY));
    }

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-2.5, "-2.5"),
            (0.1, "0.1"),
            (123456.789, "123456.789"),
            (0.000001, "0.000001"),
            (0.0000001, "1e-7"),
            (-3.25e-7, "-3.25e-7"),
            (1e21, "1e+21"),
            (1.5e21, "1.5e+21"),
            (1e20, "100000000000000000000"),
            (0.012345678901234568, "0.012345678901234568"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
        ];
        for (x, expected) in cases {
            assert_eq!(js(x), expected, "{x:e}");
        }
    }

    #[test]
    fn number_arrays_are_read_exactly_and_strictly() {
        let text = "[0.1, -2e-3,1E+2 ,0, -0.0,123456789012345678901234, 1.7976931348623157e308,5e-324]";
        let mut got = Vec::new();
        assert_eq!(
            scan_numbers(text, 100, |_, v| {
                got.push(v);
                true
            }),
            Some(8)
        );
        let expected: Vec<f64> = serde_json::from_str(text).expect("json");
        assert_eq!(
            got.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            expected.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        );
        let long = "[0.00012345678901234567,12345678901234567890,0.1234567,1234567812345678,9007199254740993,\
                    -0.0000000000000000000001,1e22,1e23,0.12345678,123456781234567812345678e-20]";
        let mut got = Vec::new();
        scan_numbers(long, 100, |_, v| {
            got.push(v.to_bits());
            true
        });
        let expected: Vec<u64> =
            long[1..long.len() - 1].split(',').map(|t| t.parse::<f64>().expect("f64").to_bits()).collect();
        assert_eq!(got, expected, "long mantissas, leading zeros, 2^53 + 1: as str::parse reads them");
        assert_eq!(scan_numbers(" [ ] ", 10, |_, _| true), Some(0));
        for bad in [
            "", "[", "[1,]", "[01]", "[1.]", "[.5]", "[1e]", "[+1]", "[NaN]", "[1e400]", "[1] x", "{}", "[\"1\"]",
            "[1 2]", "[-]",
        ] {
            assert_eq!(scan_numbers(bad, 10, |_, _| true), None, "{bad:?}");
        }
        assert_eq!(scan_numbers("[1,2,3]", 2, |_, _| true), None, "more than max");
        assert_eq!(scan_numbers("[1,2,3]", 9, |i, _| i < 1), None, "stopped by the callback");
    }

    #[test]
    fn javascript_text_reads_back_as_the_same_numbers() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = f64::from_bits(state);
            if !x.is_finite() {
                continue;
            }
            let text = format!("[{}]", js(x));
            let mut back = f64::NAN;
            assert_eq!(
                scan_numbers(&text, 1, |_, v| {
                    back = v;
                    true
                }),
                Some(1),
                "{text}"
            );
            assert_eq!(back.to_bits(), if x == 0.0 { 0.0f64.to_bits() } else { x.to_bits() }, "{text}");
        }
    }
}
