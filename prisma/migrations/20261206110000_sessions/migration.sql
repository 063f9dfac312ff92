-- Server-side sessions (issue 12, item 1; docs/architecture.md §8): the session token names a row here, every request
-- checks it is still there and not revoked, and sign-out revokes it, so a cookie captured before sign-out is worth
-- nothing after it.
CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "user_agent" VARCHAR(256),
    "ip" VARCHAR(64),

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A platform table (no company): RLS on with no policy, so only the system role (which bypasses it) reads it.
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "sessions" FORCE ROW LEVEL SECURITY;

-- Style of 20261206090000_least_privilege. The system role creates a session at sign-in, reads it on every request
-- and for the profile's list, moves last_seen_at, extends expires_at when the token is re-issued, sets revoked_at,
-- and the prune job deletes expired and revoked rows. The app role has nothing.
REVOKE ALL ON sessions FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT, UPDATE (expires_at, last_seen_at, revoked_at), DELETE ON sessions TO stockflow_system;
