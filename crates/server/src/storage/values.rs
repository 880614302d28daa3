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
        Ok(RawJson(std::str::from_utf8(text)?))
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::JSONB || *ty == Type::JSON
    }
}
