// Who an audit entry names, and how the viewer and the CSV export put it. Entries keep the actor's name and email
// as they were when written (docs/architecture.md §8); entries older than that record only an email, and are named
// by the membership instead: today's name for a current member, marked as such, or the name a deactivated member
// had when the company deactivated them.
export interface AuditActor {
  id: string | null;
  name: string | null;
  email: string | null;
  /**
   * Where name and email come from: "recorded" with the entry (as they were then); "current", the member's today
   * (an entry written before names were recorded); "deactivated", as they were when their membership here ended.
   */
  as: "recorded" | "current" | "deactivated";
  /**
   * Whether they are an active member of the company today; false for a former member; null when they never were one
   * (a platform administrator deciding on the company, or no actor at all).
   */
  member: boolean | null;
}

export interface AuditActorLabel {
  /** The name, else the email, else who it might be. */
  label: string;
  /** The email beside a name; null when the label is the email already or there is none. */
  email: string | null;
  /** Why the name may not be the one they had at the time, and whether they are still a member. */
  note: string | null;
}

const AS_NOTE: Record<AuditActor["as"], string | null> = {
  recorded: null,
  current: "current name",
  deactivated: "name when deactivated",
};

export function describeAuditActor(actor: AuditActor): AuditActorLabel {
  const notes = [AS_NOTE[actor.as], actor.member === false ? "no longer a member" : null].filter(Boolean);
  return {
    label: actor.name ?? actor.email ?? (actor.id ? "Someone no longer in the company" : "System"),
    email: actor.name ? actor.email : null,
    note: notes.length > 0 ? notes.join("; ") : null,
  };
}
