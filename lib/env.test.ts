import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const valid = {
  DATABASE_URL: "postgresql://stockflow_app:pw@db/stockflow",
  DATABASE_SYSTEM_URL: "postgres://stockflow_system:pw@db/stockflow",
  AUTH_SECRET: "s".repeat(32),
  APP_URL: "https://stock.example.com/",
};

describe("parseEnv", () => {
  it("accepts a complete environment and fills the defaults", () => {
    expect(parseEnv(valid)).toMatchObject({
      APP_URL: "https://stock.example.com",
      DATABASE_POOL_SIZE: 10,
      LOG_LEVEL: "info",
      MAIL_DIR: ".data/mail",
    });
  });

  it("names every missing or bad variable", () => {
    let error: unknown;
    try {
      parseEnv({
        ...valid,
        DATABASE_URL: "mysql://x",
        AUTH_SECRET: "short",
        APP_URL: undefined,
        DATABASE_POOL_SIZE: "0",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const named = (error as EnvError).issues.map((issue) => issue.split(":")[0]).sort();
    expect(named).toEqual(["APP_URL", "AUTH_SECRET", "DATABASE_POOL_SIZE", "DATABASE_URL"]);
    expect((error as EnvError).message).toContain("DATABASE_URL: must be a postgresql:// URL");
  });
});
