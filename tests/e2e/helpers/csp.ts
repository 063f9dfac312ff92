// Playwright's `test`, failing any test during which a page of its browser context broke a security policy: a
// blocked script, style, connection or frame (the `securitypolicyviolation` event, and Chromium's console line for
// it) or a Permissions-Policy error. A CSP mistake does not fail loudly — a blocked script only leaves the page
// unhydrated — so the specs that cover the policy's users (pages, the chart, live updates) import `test` from here.
import { expect, test as base } from "@playwright/test";

declare global {
  interface Window {
    __reportPolicyViolation?: (text: string) => void;
  }
}

export const test = base.extend<{ policyViolations: string[] }>({
  policyViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      await context.exposeBinding("__reportPolicyViolation", ({ page }, text: string) => {
        violations.push(`${page.url()}: ${text}`);
      });
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) => {
          window.__reportPolicyViolation?.(
            `${event.effectiveDirective} refused ${event.blockedURI || "inline code"} at ${event.sourceFile}:${event.lineNumber}`,
          );
        });
      });
      context.on("console", (message) => {
        if (/content.security.policy|permissions.policy/i.test(message.text())) {
          violations.push(`${message.page()?.url()}: console ${message.type()}: ${message.text()}`);
        }
      });
      await use(violations);
      expect(violations, "security policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
