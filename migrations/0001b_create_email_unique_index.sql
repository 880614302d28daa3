-- salesgate:no-transaction
-- 0001b_create_email_unique_index.sql
-- old: migrations/manual/0001b_create_email_unique_index.sql (applied by hand with psql in the
-- old system, here it is a regular step after 0001a)
--
-- Step 2 of 2 for e-mail uniqueness: the partial unique index users_email_unique_lower_idx on
-- LOWER(email) WHERE email IS NOT NULL.
--
-- The index is built with CREATE INDEX CONCURRENTLY so that a big users table is not
-- write-locked while it is built. CONCURRENTLY cannot run inside a transaction block, so this
-- file runs outside any transaction, statement by statement (first-line marker above). If it
-- fails (duplicates, interrupted build), nothing is half-applied that a re-run cannot repair:
-- fix the data and run it again.

-- 1. Refuse to build the index while lower-cased duplicates exist, naming them.
DO $$
DECLARE
    dups text;
BEGIN
    SELECT string_agg(format('%s (ids %s)', address, ids), '; ' ORDER BY address)
    INTO dups
    FROM (
        SELECT LOWER(email) AS address,
               string_agg(id, ', ' ORDER BY created_at, id) AS ids
        FROM users
        WHERE email IS NOT NULL
        GROUP BY LOWER(email)
        HAVING count(*) > 1
    ) AS d;

    IF dups IS NOT NULL THEN
        RAISE EXCEPTION 'duplicate e-mail addresses in users: %', dups
            USING HINT = 'users_email_unique_lower_idx (unique on LOWER(email)) cannot be built. '
                         'Merge these users or change their e-mail addresses so that each address '
                         'is used once, then run `salesgate migrate` again.';
    END IF;
END $$;

-- 2. An interrupted CREATE INDEX CONCURRENTLY leaves an INVALID index behind, which
--    IF NOT EXISTS would happily keep. Drop it so that statement 3 rebuilds it.
DO $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM pg_index
        WHERE indexrelid = to_regclass('public.users_email_unique_lower_idx')
          AND NOT indisvalid
    ) THEN
        DROP INDEX users_email_unique_lower_idx;
    END IF;
END $$;

-- 3. Build the index without blocking writes.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_unique_lower_idx
    ON users (LOWER(email))
    WHERE email IS NOT NULL;
