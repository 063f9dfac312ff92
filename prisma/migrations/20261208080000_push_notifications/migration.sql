-- Web Push (issue 13, item 6; docs/architecture.md §8, "Push notifications"). A subscription is one browser's, for one
-- person in one company (the profile's "Notifications on this device" is per company, like the email choices), tied
-- to the session that made it. A notification is an outbox row per subscription, written in the transaction of the
-- change that causes it and delivered by the outbox worker, like email.
-- CreateEnum
CREATE TYPE "PushStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "push_subscriptions" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "endpoint" VARCHAR(1024) NOT NULL,
    "p256dh" VARCHAR(128) NOT NULL,
    "auth" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "push_subscriptions_pkey" PRIMARY KEY ("company_id","id")
);

-- CreateTable
CREATE TABLE "push_outbox" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "PushStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" VARCHAR(2000),
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "push_outbox_pkey" PRIMARY KEY ("company_id","id")
);

-- CreateIndex
CREATE INDEX "push_subscriptions_company_id_user_id_idx" ON "push_subscriptions"("company_id", "user_id");

-- CreateIndex
CREATE INDEX "push_subscriptions_session_id_idx" ON "push_subscriptions"("session_id");

-- CreateIndex
CREATE UNIQUE INDEX "push_subscriptions_company_id_endpoint_key" ON "push_subscriptions"("company_id", "endpoint");

-- CreateIndex
CREATE INDEX "push_outbox_company_id_subscription_id_idx" ON "push_outbox"("company_id", "subscription_id");

-- CreateIndex
CREATE INDEX "push_outbox_status_next_attempt_at_idx" ON "push_outbox"("status", "next_attempt_at");

-- AddForeignKey
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_company_id_user_id_fkey" FOREIGN KEY ("company_id", "user_id") REFERENCES "memberships"("company_id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_outbox" ADD CONSTRAINT "push_outbox_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_outbox" ADD CONSTRAINT "push_outbox_company_id_subscription_id_fkey" FOREIGN KEY ("company_id", "subscription_id") REFERENCES "push_subscriptions"("company_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: tenant tables like the others (docs/architecture.md §4), company_id in every key.
ALTER TABLE push_subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE push_subscriptions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON push_subscriptions
  USING (company_id = app_current_company_id())
  WITH CHECK (company_id = app_current_company_id());

ALTER TABLE push_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE push_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON push_outbox
  USING (company_id = app_current_company_id())
  WITH CHECK (company_id = app_current_company_id());

-- Style of 20261206090000_least_privilege. The app role subscribes a device (insert, or on a repeat take the row over
-- for this person, session and keys), lists its own for the profile, reads the recipients' subscriptions when it
-- enqueues, and unsubscribes (delete). It only inserts into the outbox. The system role, which delivers, claims and
-- settles outbox rows and deletes the subscriptions a push service refuses (404/410) or whose session has ended.
REVOKE ALL ON push_subscriptions, push_outbox FROM stockflow_app, stockflow_system;
GRANT SELECT, INSERT, DELETE ON push_subscriptions TO stockflow_app;
GRANT UPDATE (user_id, session_id, p256dh, auth, updated_at) ON push_subscriptions TO stockflow_app;
GRANT INSERT ON push_outbox TO stockflow_app;
GRANT SELECT, DELETE ON push_subscriptions TO stockflow_system;
GRANT SELECT, UPDATE ON push_outbox TO stockflow_system;
