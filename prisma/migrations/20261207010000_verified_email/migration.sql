-- Hand-written (issue 12, item 3): an address receives company mail, can be made platform admin, or lets its company
-- invite, only once its owner has confirmed it by a link.
--
-- 1. users.email_verified_at: when the current address was confirmed (null: not yet). Every account that exists
--    when this runs is treated as verified (set to its creation time): those installations were already mailing
--    these addresses, and must keep working without asking every person to confirm. The app role reads it (the
--    notification recipients query filters on it); only lib/auth writes it, as the system role. FORCE ROW LEVEL
--    SECURITY binds the owner role running this: lifted for the backfill only.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMPTZ(3);
ALTER TABLE users NO FORCE ROW LEVEL SECURITY;
UPDATE users SET email_verified_at = created_at WHERE email_verified_at IS NULL;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
GRANT SELECT (email_verified_at) ON users TO stockflow_app;

-- 2. The link that confirms an account's own address (sign-up, an account an admin created, PLATFORM_ADMIN_EMAIL).
--    A change of address keeps using EMAIL_CHANGE (the new address in `email`).
ALTER TYPE "TokenPurpose" ADD VALUE 'EMAIL_VERIFICATION';
