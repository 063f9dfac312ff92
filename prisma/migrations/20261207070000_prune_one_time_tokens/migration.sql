-- One-time links are deleted a month after they expire (lib/jobs/prune-expired-rows.ts): forgot-password stores one
-- for any address it is asked about, so the table would otherwise only grow. The prune job runs as the system role.
GRANT DELETE ON one_time_tokens TO stockflow_system;
