import { expect, test } from "@playwright/test";
import { queryE2eDatabase } from "./helpers/db";
import { waitForEmail } from "./helpers/mail";
import { fillSignIn } from "./helpers/session";

// Issue 6's deep link in real Chromium: staff submit a restock request, the manager's email (read from the e2e
// server's mail folder) links to it, and following that link signed out asks for sign-in and then opens the request,
// ready to approve. The manager reads the email in the project's browser (a phone in the phone project). Acme's
// people: no other spec submits or approves their requests. Demo data from prisma/seed.ts.
const STAFF = { email: "staff@acme.example", password: "stockflow-demo", name: "Casey Staff" };
const MANAGER = { email: "manager@acme.example", password: "stockflow-demo" };

/** An Acme product on sale, to restock. */
async function acmeProduct() {
  const rows = await queryE2eDatabase<{ sku: string; name: string }>(
    `SELECT p.sku, p.name
       FROM products p JOIN companies c ON c.id = p.company_id AND c.slug = 'acme'
      WHERE NOT p.archived
      ORDER BY p.sku
      LIMIT 1`,
  );
  expect(rows, "an Acme product").toHaveLength(1);
  return rows[0]!;
}

test("the manager's email links to the new request, which opens after sign-in and is approved there", async ({
  page,
  browser,
}) => {
  const product = await acmeProduct();
  const since = Date.now() - 1_000;

  // Staff, in a browser of their own: a restock request for 5 units.
  const staffContext = await browser.newContext();
  let requestId: string;
  let number: string;
  try {
    const staff = await staffContext.newPage();
    await staff.goto("/login");
    await fillSignIn(staff, STAFF);
    await expect(staff).toHaveURL(/\/requests$/);
    await staff.goto("/requests/new");
    const form = staff.getByRole("form", { name: "New request" });
    await form.getByRole("radio", { name: /Restock/ }).check();
    await expect(form.getByLabel("Location")).toHaveValue(/.+/);
    await form.getByRole("combobox", { name: "Add a product" }).fill(product.sku);
    await form.getByRole("option", { name: new RegExp(product.sku) }).click();
    const lines = form.getByRole("list", { name: "Products on this request" });
    await lines.getByLabel(`Quantity of ${product.name}`).fill("5");
    await form.getByRole("button", { name: "Submit request" }).click();
    await expect(staff).toHaveURL(/\/requests\/[0-9a-f-]{36}\?notice=created$/);
    requestId = new URL(staff.url()).pathname.split("/")[2]!;
    number = (await staff.getByRole("heading", { level: 1 }).textContent())!.trim();
    expect(number).toMatch(/^REQ-\d{6}$/);
  } finally {
    await staffContext.close();
  }

  // The manager's email names the request and links to its page, absolutely (APP_URL).
  const mail = await waitForEmail(MANAGER.email, since);
  expect(mail.subject).toBe(`New restock request ${number} from ${STAFF.name}`);
  const link = mail.links.find((href) => new URL(href).pathname === `/requests/${requestId}`);
  expect(link, `a link to /requests/${requestId} in the email`).toBeDefined();
  expect(link).toMatch(/^https?:\/\/[^/]+\/requests\/[0-9a-f-]{36}$/);

  // Signed out, the link asks for sign-in, then lands on the request.
  await page.goto(link!);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(`/requests/${requestId}`);
  await fillSignIn(page, MANAGER);
  await expect(page).toHaveURL(new RegExp(`/requests/${requestId}$`));
  await expect(page.getByRole("heading", { name: number, level: 1 })).toBeVisible();
  await expect(page.getByText("Pending", { exact: true }).first()).toBeVisible();

  // The action is right there: one tap opens its dialog, one more approves.
  await page
    .getByRole("group", { name: `Decide ${number}` })
    .getByRole("button", { name: "Approve" })
    .click();
  const approve = page.getByRole("form", { name: `Approve ${number}` });
  await approve.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Approved", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("form", { name: `Approve ${number}` })).toHaveCount(0);
});
