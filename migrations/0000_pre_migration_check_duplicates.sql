-- 0000_pre_migration_check_duplicates.sql
-- old: migrations/0000_pre_migration_check_duplicates.sql
--
-- Read-only diagnostics before the e-mail normalisation (0001a) and the unique e-mail index
-- (0001b): reports users whose e-mails collide once lower-cased and trimmed. The old file ran
-- two SELECTs; here one DO block emits a NOTICE per duplicate address instead and never raises
-- an error. No-op on an empty `users` table and when `users` does not exist.

DO $$
DECLARE
    dup record;
    n   integer;
BEGIN
    IF to_regclass('public.users') IS NULL THEN
        RETURN;
    END IF;

    SELECT count(*) INTO n
    FROM (
        SELECT LOWER(TRIM(email))
        FROM users
        WHERE email IS NOT NULL
        GROUP BY LOWER(TRIM(email))
        HAVING count(*) > 1
    ) AS d;

    IF n = 0 THEN
        RETURN;
    END IF;

    RAISE NOTICE '% e-mail address(es) belong to more than one user (LOWER(TRIM(email))):', n;
    FOR dup IN
        SELECT LOWER(TRIM(email)) AS address,
               count(*) AS users,
               string_agg(id, ', ' ORDER BY created_at, id) AS ids
        FROM users
        WHERE email IS NOT NULL
        GROUP BY LOWER(TRIM(email))
        HAVING count(*) > 1
        ORDER BY 1
    LOOP
        RAISE NOTICE '  % (% users, ids %)', dup.address, dup.users, dup.ids;
    END LOOP;
    RAISE NOTICE '%', 'Merge these users or change their e-mails: 0001b will refuse to build '
                      || 'users_email_unique_lower_idx until they are merged (and where a unique '
                      || 'e-mail index already exists, the normalisation of 0001a fails on them).';
END $$;
