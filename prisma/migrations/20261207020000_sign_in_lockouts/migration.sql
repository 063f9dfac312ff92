-- Sign-in lock-outs (issue 12, item 5; docs/architecture.md §8): the times of the most recent attempts per key (an
-- account for untrusted clients, or one device cookie), so a lock lasts until the oldest of the last few attempts
-- leaves the window, and attempts during the lock-out keep it locked. At most limit + 1 times are kept per key.
CREATE TABLE "sign_in_lockouts" (
    "key" VARCHAR(200) NOT NULL,
    "attempts" TIMESTAMPTZ(3)[],
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sign_in_lockouts_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "sign_in_lockouts_expires_at_idx" ON "sign_in_lockouts"("expires_at");

-- A platform table (no company): RLS on with no policy, so only the system role (which bypasses it) reads it.
ALTER TABLE "sign_in_lockouts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "sign_in_lockouts" FORCE ROW LEVEL SECURITY;

-- Style of 20261206090000_least_privilege: sign-in counts and clears attempts, the prune job deletes expired rows.
REVOKE ALL ON sign_in_lockouts FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT, UPDATE, DELETE ON sign_in_lockouts TO stockflow_system;
