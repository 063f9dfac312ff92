// Phone-first pages (issue 13, item 8; docs/architecture.md §3 "Landing" and "Lists"): where each person lands
// (sign-in, "/", /start, the logo), list filters folded behind a button that counts them, and the request form's
// product matches never under its sticky submit bar. That no page is wider than a 390 or 360 px screen is checked on
// the same visit as its accessibility scan (accessibility.spec.ts).
import { expect, test, type Page } from "@playwright/test";
import { fillSignIn } from "./helpers/session";

const PASSWORD = "stockflow-demo";

// Demo people (prisma/seed.ts) and the home each lands on (lib/auth/home.ts).
const LANDINGS = [
  { role: "staff", email: "staff@northwind.example", home: "/requests", heading: "My requests" },
  { role: "a manager", email: "manager@northwind.example", home: "/dashboard", heading: "Dashboard" },
  { role: "an admin", email: "admin@acme.example", home: "/dashboard", heading: "Dashboard" },
  { role: "the platform administrator", email: "platform@stockflow.example", home: "/platform", heading: "Companies" },
] as const;

const path = (page: Page) => new URL(page.url()).pathname + new URL(page.url()).search;

for (const { role, email, home, heading } of LANDINGS) {
  test(`${role} lands on ${home} from sign-in, "/", /start and the logo`, async ({ page }) => {
    // A sign-in and three full page loads: more than the default allows on a busy machine.
    test.setTimeout(90_000);
    await page.goto("/login");
    await fillSignIn(page, { email, password: PASSWORD });
    await expect(page).toHaveURL(new RegExp(`${home}$`));
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();

    for (const entry of ["/", "/start"]) {
      await page.goto(entry);
      expect(path(page), `${entry} as ${email}`).toBe(home);
    }
    // The logo leads home too (the phone header's or the sidebar's, whichever is shown).
    await expect(page.getByRole("link", { name: "StockFlow" }).locator("visible=true").first()).toHaveAttribute(
      "href",
      home,
    );
  });
}

test("signed out, /start asks to sign in and then sends the person home", async ({ page }) => {
  await page.goto("/start");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fstart$/);
  await fillSignIn(page, { email: "staff@acme.example", password: PASSWORD });
  await expect(page).toHaveURL(/\/requests$/);
  await expect(page.getByRole("link", { name: "New request" }).first()).toBeVisible();
});

test("on a phone a list's filters wait behind a button that counts those set", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/login?callbackUrl=%2Frequests%3Fstatus%3DPENDING%26type%3DRESTOCK");
  await fillSignIn(page, { email: "manager@northwind.example", password: PASSWORD });
  await expect(page).toHaveURL(/\/requests\?status=PENDING&type=RESTOCK$/);

  const filters = page.getByRole("search", { name: "Find requests" });
  const button = filters.getByRole("button", { name: "Filters, 2 set" });
  const status = filters.getByLabel("Status");
  // The request number and Apply stay in view; the rest waits behind the button.
  await expect(filters.getByRole("searchbox", { name: "Request number" })).toBeVisible();
  await expect(filters.getByRole("button", { name: "Apply" })).toBeVisible();
  await expect(status).toBeHidden();
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(async () => {
    if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
    await expect(button).toHaveAttribute("aria-expanded", "true", { timeout: 1_000 });
  }).toPass();
  await expect(status).toBeVisible();
  await expect(status).toHaveValue("PENDING");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test("the request form starts with the product search, and its matches never open under the sticky bar", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/login?callbackUrl=%2Frequests%2Fnew");
  await fillSignIn(page, { email: "staff@acme.example", password: PASSWORD });
  await expect(page).toHaveURL(/\/requests\/new$/);

  const form = page.getByRole("form", { name: "New request" });
  const search = form.getByRole("combobox", { name: "Add a product" });
  const submit = form.getByRole("button", { name: "Submit request" });
  await expect(submit).toBeVisible();
  const searchTop = (await search.boundingBox())!.y;
  const typeTop = (await form.getByRole("radio").first().boundingBox())!.y;
  expect(searchTop, "the search comes before the type").toBeLessThan(typeTop);

  await search.fill("s");
  const options = form.getByRole("option");
  await expect(options.first()).toBeVisible();
  expect(await options.count()).toBeGreaterThan(3);
  await page.screenshot({ path: testInfo.outputPath("request-form-matches-390.png") });

  // The bar steps aside while the matches are open: whatever is at each visible match's centre is that match.
  await expect(submit).toBeHidden();
  const covered = await options.evaluateAll((items) =>
    items
      .filter((item) => {
        const box = item.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
      })
      .map((item) => {
        const box = item.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return item.contains(hit) ? null : `${item.textContent} is under ${hit?.outerHTML.slice(0, 80)}`;
      }),
  );
  expect(covered.length).toBeGreaterThan(0);
  expect(covered.filter(Boolean)).toEqual([]);
  const first = await options.first().evaluate((item) => {
    const box = item.getBoundingClientRect();
    return item.contains(document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2));
  });
  expect(first, "the first match is not covered").toBe(true);

  // Picking a match closes them, and the bar is back.
  await options.first().click();
  await expect(form.getByRole("list", { name: "Products on this request" }).getByRole("listitem")).toHaveCount(1);
  await expect(submit).toBeVisible();
});
