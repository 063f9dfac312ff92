// fast-check arbitraries from zod 4 schemas, by way of their JSON Schema (z.toJSONSchema, the input side): values
// shaped as the schema describes, mixed with values that are not (another type, a missing or unknown key, junk),
// so a run reaches both the refusals and the work behind them. `ids` are real rows' ids, offered wherever the
// schema wants a UUID, so the fuzzer also aims at rows of the caller's company and of another.
import fc from "fast-check";
import { z } from "zod";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};

const MAX_ITEMS = 4;
const MAX_STRING = 80;

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, "", " ", "\u0000", "NaN", "-1", "1e309", "😀", "<script>", "' OR 1=1 --"),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant({ __proto__: { polluted: true } }),
  fc.anything({ maxDepth: 2, maxKeys: 3 }),
);

function stringArbitrary(schema: JsonSchema, ids: string[]): fc.Arbitrary<string> {
  switch (schema.format) {
    case "uuid":
      return ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid();
    case "email":
      return fc.emailAddress();
    case "date-time":
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    case "date":
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  }
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 1000));
    } catch {
      // A pattern in a syntax JavaScript does not take: plain strings then.
    }
  }
  const min = schema.minLength ?? 0;
  return fc.string({ minLength: min, maxLength: Math.max(min, Math.min(schema.maxLength ?? MAX_STRING, MAX_STRING)) });
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : undefined);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : undefined);
  if (integer) {
    return fc.integer({
      min: Math.max(min ?? -1_000_000, Number.MIN_SAFE_INTEGER),
      max: Math.min(max ?? 1_000_000, Number.MAX_SAFE_INTEGER),
    });
  }
  return fc.double({ min: min ?? -1e6, max: max ?? 1e6, noNaN: true });
}

function fromJsonSchema(schema: JsonSchema, ids: string[]): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => fromJsonSchema(s, ids)));
  if (schema.allOf?.length) return fromJsonSchema(schema.allOf[0]!, ids);
  if (Array.isArray(schema.type)) {
    return fc.oneof(...schema.type.map((type) => fromJsonSchema({ ...schema, type }, ids)));
  }
  switch (schema.type) {
    case "string":
      return stringArbitrary(schema, ids);
    case "integer":
      return numberArbitrary(schema, true);
    case "number":
      return numberArbitrary(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((s) => fromJsonSchema(s, ids)));
      const min = schema.minItems ?? 0;
      return fc.array(schema.items ? fromJsonSchema(schema.items, ids) : junk, {
        minLength: min,
        maxLength: Math.max(min, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS)),
      });
    }
    case "object": {
      const properties = schema.properties ?? {};
      const shape = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, fromJsonSchema(s, ids)]));
      return fc.record(shape, { requiredKeys: schema.required ?? [] });
    }
    default:
      // {} (unknown, or what JSON Schema cannot say: a transform's output, a file's bytes).
      return junk;
  }
}

/** Mostly values the schema describes, some almost (an unknown key, a key gone), some not at all. */
export function arbitraryFor(schema: z.ZodType, ids: string[] = []): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const shaped = fromJsonSchema(json, ids);
  const almost = shaped.chain((value) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? fc.oneof(
          fc.record({ extra: junk }).map((extra) => ({ ...value, companyId: ids[ids.length - 1], ...extra })),
          fc.constantFrom(...Object.keys(value), "none").map((drop) => {
            const { [drop]: _dropped, ...rest } = value as Record<string, unknown>;
            return rest;
          }),
          fc.dictionary(fc.constantFrom(...Object.keys(value), "x"), junk, { maxKeys: 3 }).map((bad) => ({
            ...value,
            ...bad,
          })),
        )
      : junk,
  );
  return fc.oneof({ arbitrary: shaped, weight: 6 }, { arbitrary: almost, weight: 2 }, { arbitrary: junk, weight: 1 });
}
