-- 0001a_normalize_emails.sql
-- old: migrations/0001a_normalize_emails.sql
--
-- Step 1 of 2 for e-mail uniqueness: store every e-mail lower-cased and trimmed (the
-- application lower-cases on lookup). Step 2 is 0001b (unique index on LOWER(email)).
-- Idempotent: rows that are already normalised are not touched.

UPDATE users
SET email = LOWER(TRIM(email))
WHERE email IS NOT NULL
  AND email != LOWER(TRIM(email));
