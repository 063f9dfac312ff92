import { describe, expect, it } from "vitest";
import { deviceDataToWipe } from "./wipe-device-data";

describe("deviceDataToWipe", () => {
  it("takes the stockflow: storage keys and every cache but Serwist's precache", () => {
    expect(
      deviceDataToWipe(
        ["stockflow:draft:order-new", "stockflow:x", "theme", "nextjs-stockflow"],
        ["serwist-precache-v2-http://localhost/", "pages", "pages-rsc", "stockflow-pages", "apis"],
      ),
    ).toEqual({
      storageKeys: ["stockflow:draft:order-new", "stockflow:x"],
      cacheNames: ["pages", "pages-rsc", "stockflow-pages", "apis"],
    });
  });
});
