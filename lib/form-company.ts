// The hidden field by which a tenant form says which company its page was rendered for (docs/architecture.md §3,
// "Forms"). The session's company is shared by every tab: opening another company's link or switching company in one
// tab moves them all, so tenantAction (lib/action.ts) compares this field with the session's company and refuses a
// mismatch instead of writing a half-filled form of one company into another. Client-safe: forms import the name.
export const COMPANY_FIELD = "_company";
