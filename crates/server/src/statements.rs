//! Splitting a SQL file into statements.
//!
//! Transactional migrations are sent to PostgreSQL whole (one simple-protocol batch inside the
//! migration's transaction). A `-- salesgate:no-transaction` file cannot be: PostgreSQL runs a
//! multi-statement batch as one implicit transaction, and `CREATE INDEX CONCURRENTLY` refuses to
//! run inside one. So those files are split here and each statement is sent on its own.
//!
//! The splitter understands what can hide a `;`: single-quoted strings (with `''` and, for
//! `E'…'`, backslash escapes), double-quoted identifiers, `--` and nested `/* */` comments, and
//! dollar quoting (`$$ … $$`, `$tag$ … $tag$`) used by `DO` blocks.

/// One statement of a file: its text (trimmed, without the trailing `;`) and the 1-based line
/// where it starts, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement<'a> {
    pub text: &'a str,
    pub line: usize,
}

/// Splits `sql` into statements; statements that hold only comments and whitespace are dropped.
pub fn split(sql: &str) -> Vec<Statement<'_>> {
    let bytes = sql.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => {
                let escapes = i > 0 && matches!(bytes[i - 1], b'E' | b'e') && !is_ident_byte(bytes, i.wrapping_sub(2));
                i = skip_quoted(bytes, i, b'\'', escapes);
            }
            b'"' => i = skip_quoted(bytes, i, b'"', false),
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                i = sql[i..].find('\n').map_or(bytes.len(), |n| i + n + 1);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = skip_block_comment(bytes, i),
            b'$' if !is_ident_byte(bytes, i.wrapping_sub(1)) => match dollar_tag(sql, i) {
                Some(tag) => {
                    let body = i + tag.len();
                    i = sql[body..].find(tag).map_or(bytes.len(), |n| body + n + tag.len());
                }
                None => i += 1,
            },
            b';' => {
                push(sql, start, i, &mut out);
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    push(sql, start, bytes.len(), &mut out);
    out
}

/// Records `sql[start..end]` unless it holds only whitespace and comments; leading comments are
/// left out so the statement's line is the line of its first keyword.
fn push<'a>(sql: &'a str, start: usize, end: usize, out: &mut Vec<Statement<'a>>) {
    let piece = &sql[start..end];
    let Some(offset) = code_offset(piece) else {
        return;
    };
    let line = 1 + sql[..start + offset].matches('\n').count();
    out.push(Statement { text: piece[offset..].trim_end(), line });
}

/// Offset of the first byte of `piece` that is neither whitespace nor inside a comment.
fn code_offset(piece: &str) -> Option<usize> {
    let bytes = piece.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b if b.is_ascii_whitespace() => i += 1,
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                i = piece[i..].find('\n').map_or(bytes.len(), |n| i + n + 1);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = skip_block_comment(bytes, i),
            _ => return Some(i),
        }
    }
    None
}

fn is_ident_byte(bytes: &[u8], i: usize) -> bool {
    bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

/// Index just past the closing quote of the quoted run that starts at `open`.
fn skip_quoted(bytes: &[u8], open: usize, quote: u8, backslash_escapes: bool) -> usize {
    let mut i = open + 1;
    while i < bytes.len() {
        let b = bytes[i];
        if backslash_escapes && b == b'\\' {
            i += 2;
        } else if b == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2; // doubled quote inside the run
            } else {
                return i + 1;
            }
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// Index just past a (possibly nested) `/* … */` comment starting at `open`.
fn skip_block_comment(bytes: &[u8], open: usize) -> usize {
    let mut depth = 0;
    let mut i = open;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The dollar-quote tag (`$$` or `$name$`) starting at `i`, if there is one.
fn dollar_tag(sql: &str, i: usize) -> Option<&str> {
    let rest = &sql[i + 1..];
    let end = rest.find('$')?;
    let name = &rest[..end];
    let valid =
        name.chars().all(|c| c.is_alphanumeric() || c == '_') && !name.starts_with(|c: char| c.is_ascii_digit());
    valid.then(|| &sql[i..i + end + 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sql: &str) -> Vec<&str> {
        split(sql).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn splits_on_semicolons_and_drops_empty_pieces() {
        assert_eq!(texts("SELECT 1; SELECT 2;\n\n-- done\n"), ["SELECT 1", "SELECT 2"]);
        assert_eq!(texts(";;"), Vec::<&str>::new());
    }

    #[test]
    fn keeps_semicolons_inside_strings_identifiers_and_comments() {
        assert_eq!(
            texts("SELECT 'a;b', \"c;d\" -- e;f\n; /* g; /* h; */ i; */ SELECT 'it''s;'"),
            ["SELECT 'a;b', \"c;d\" -- e;f", "SELECT 'it''s;'"]
        );
    }

    #[test]
    fn handles_escape_strings() {
        assert_eq!(texts(r"SELECT E'a\';b'; SELECT 2"), [r"SELECT E'a\';b'", "SELECT 2"]);
    }

    #[test]
    fn keeps_do_blocks_whole() {
        let sql = "DO $$ BEGIN PERFORM 1; RAISE NOTICE 'x;'; END $$;\nDO $body$ BEGIN NULL; END $body$;\nSELECT $1";
        assert_eq!(
            texts(sql),
            ["DO $$ BEGIN PERFORM 1; RAISE NOTICE 'x;'; END $$", "DO $body$ BEGIN NULL; END $body$", "SELECT $1"]
        );
    }

    #[test]
    fn reports_start_lines() {
        let sql = "-- header\n\nCREATE TABLE a (x int);\n\n  CREATE INDEX b\n  ON a (x);";
        let lines: Vec<usize> = split(sql).iter().map(|s| s.line).collect();
        assert_eq!(lines, [3, 5]);
    }

    #[test]
    fn unterminated_constructs_do_not_panic() {
        for sql in ["SELECT 'abc", "SELECT \"x", "/* open", "DO $$ BEGIN", "$", "E'\\"] {
            let _ = split(sql);
        }
    }
}
