-- Sent and failed pushes are deleted a week after their last change (lib/jobs/prune-expired-rows.ts): without it
-- push_outbox only grows. The prune job runs as the system role.
GRANT DELETE ON push_outbox TO stockflow_system;
