// Which servers count as reachable from other machines (lib/platform/open-demo.ts): only one that listens on
// loopback, trusts no proxy and is addressed as this machine is not.
import { describe, expect, it } from "vitest";
import { isLoopbackHost, reachableFromElsewhere } from "./open-demo";

describe("isLoopbackHost", () => {
  it.each([
    "127.0.0.1",
    "127.10.20.30",
    "localhost",
    "LOCALHOST",
    "app.localhost",
    "::1",
    "[::1]",
    "0:0:0:0:0:0:0:1",
    "0000:0000:0000:0000:0000:0000:0000:0001",
    "::ffff:127.0.0.1",
  ])("%s is this machine", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    "0.0.0.0",
    "::",
    "[::]",
    "192.168.1.20",
    "10.0.0.1",
    "::ffff:10.0.0.1",
    "2001:db8::1",
    "::2",
    "stock.example.com",
    "localhost.example.com",
    "128.0.0.1",
    "",
  ])("%j is not", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe("reachableFromElsewhere", () => {
  const local = { host: "127.0.0.1", trustProxy: 0, appUrl: "http://localhost:3000" };

  it.each([
    ["the npm start default", local],
    ["no APP_URL", { host: "127.0.0.1", trustProxy: 0 }],
    ["IPv6 loopback everywhere", { host: "::1", trustProxy: 0, appUrl: "http://[::1]:3000" }],
    ["localhost by name", { host: "localhost", trustProxy: 0, appUrl: "http://127.0.0.1:3000" }],
  ])("%s is this machine only", (_, exposure) => {
    expect(reachableFromElsewhere(exposure)).toEqual([]);
  });

  it.each([
    ["HOST on every address", { ...local, host: "0.0.0.0" }, ["HOST=0.0.0.0"]],
    ["HOST on every IPv6 address", { ...local, host: "::" }, ["HOST=::"]],
    ["HOST on a LAN address", { ...local, host: "192.168.1.20" }, ["HOST=192.168.1.20"]],
    ["a proxy in front", { ...local, trustProxy: 1 }, ["TRUST_PROXY=1"]],
    ["a public APP_URL", { ...local, appUrl: "https://stock.example.com" }, ["APP_URL=https://stock.example.com"]],
    ["an APP_URL that is no URL", { ...local, appUrl: "stock" }, ["APP_URL=stock"]],
    [
      "all three",
      { host: "0.0.0.0", trustProxy: 2, appUrl: "https://stock.example.com" },
      ["HOST=0.0.0.0", "TRUST_PROXY=2", "APP_URL=https://stock.example.com"],
    ],
  ])("%s is reachable, and the reasons say which setting", (_, exposure, settings) => {
    const reasons = reachableFromElsewhere(exposure);
    expect(reasons).toHaveLength(settings.length);
    settings.forEach((setting, i) => expect(reasons[i]).toContain(setting));
  });
});
