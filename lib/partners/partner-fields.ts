// A supplier's or customer's fields: one schema for the form, the domain functions and the CSV import, so a value is
// judged the same everywhere (docs/architecture.md §12 "Field rules"). Names, contact, email and phone are one line
// (they end up in lists, CSV cells and emails); notes may span lines. Optional text is null when blank, so "none" is
// one value. Pure: the partner form imports it in the browser.
import { z } from "zod";
import { emailAddressSchema } from "../accounts/email-address";
import { idSchema, optionalMultiLineText, optionalSingleLineText, singleLineText, versionSchema } from "../fields";
import { PARTNER_WORDS, type PartnerKind } from "./partner-kinds";

export const PARTNER_NAME_MAX = 120;

/** An optional email address: blank is none, anything else the one rule for addresses (trimmed, lower-cased). */
export const optionalEmailSchema = z
  .string({ error: "Enter a valid email address." })
  .nullish()
  .transform((value) => (value?.trim() ? value : null))
  .pipe(emailAddressSchema.nullable());

export const partnerFieldsSchema = z
  .object({
    name: singleLineText({ missing: "Enter the name.", max: PARTNER_NAME_MAX }),
    contactName: optionalSingleLineText({ max: 120 }),
    email: optionalEmailSchema,
    phone: optionalSingleLineText({ max: 40 }),
    notes: optionalMultiLineText({ max: 2000 }),
  })
  .strict();

export type PartnerFields = z.output<typeof partnerFieldsSchema>;

export const PARTNER_FIELD_NAMES = ["name", "contactName", "email", "phone", "notes"] as const;

/**
 * A partner id from input, checked after the permission (so the input schemas take it as it comes): anything that is
 * not one is as unknown as another company's partner, NOT_FOUND rather than a field error.
 */
export const partnerIdInput = z.unknown();

export const partnerIdSchema = (kind: PartnerKind) => idSchema(`That ${PARTNER_WORDS[kind].one}`);

/** The version the person saw; a wrong one is a CONFLICT, not a form error. */
export const partnerVersionSchema = versionSchema("entry");

/**
 * The field error for a name another partner of the kind already has, in any letter case, naming it as it is spelled
 * there (and where to find it, when it is archived).
 */
export function duplicateNameMessage(kind: PartnerKind, typed: string, holder: { name: string; archived: boolean }) {
  const { one, many } = PARTNER_WORDS[kind];
  const spelled = holder.name === typed ? "" : " (letter case does not make another name)";
  const where = holder.archived ? ` It is archived: restore it from the archived ${many} instead.` : "";
  return `Another ${one} is already called “${holder.name}”${spelled}.${where}`;
}
