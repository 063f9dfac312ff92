// The push endpoint allow-list (docs/architecture.md §8, "Push notifications"): the server POSTs to a stored
// endpoint, so only the browsers' push services (and an operator's PUSH_SERVICE_HOSTS) pass, by host or true
// subdomain, over https on the default port; http://127.0.0.1 only when a test asks for it.
import { describe, expect, it } from "vitest";
import { isPushEndpoint, isPushServiceHost, type PushEndpointRule } from "./push-subscription-fields";

const production: PushEndpointRule = { extraHosts: [], loopbackHttp: false };

describe("isPushServiceHost", () => {
  const suffixes = ["fcm.googleapis.com", "notify.windows.com"];

  it("admits the host itself and its subdomains", () => {
    expect(isPushServiceHost("fcm.googleapis.com", suffixes)).toBe(true);
    expect(isPushServiceHost("a.b.fcm.googleapis.com", suffixes)).toBe(true);
    expect(isPushServiceHost("wns2-par02p.notify.windows.com", suffixes)).toBe(true);
  });

  it("matches on a label boundary only", () => {
    expect(isPushServiceHost("xfcm.googleapis.com", suffixes)).toBe(false);
    expect(isPushServiceHost("evilfcm.googleapis.com.attacker.example", suffixes)).toBe(false);
    expect(isPushServiceHost("fcm.googleapis.com.attacker.example", suffixes)).toBe(false);
    expect(isPushServiceHost("googleapis.com", suffixes)).toBe(false);
    expect(isPushServiceHost("windows.com", suffixes)).toBe(false);
  });

  it("admits nothing with no suffixes", () => {
    expect(isPushServiceHost("fcm.googleapis.com", [])).toBe(false);
  });
});

describe("isPushEndpoint", () => {
  it("admits each browser's push service", () => {
    for (const endpoint of [
      "https://fcm.googleapis.com/fcm/send/dXJbV3:APA91bF",
      "https://android.googleapis.com/gcm/send/dXJbV3:APA91bF",
      "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk",
      "https://web.push.apple.com/QGuQyavXutnMH3iU",
      "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",
      // A default port written out is the default port.
      "https://fcm.googleapis.com:443/fcm/send/abc",
      // Host names are case-insensitive; URL lower-cases them.
      "https://FCM.GoogleAPIs.com/fcm/send/abc",
    ]) {
      expect(isPushEndpoint(endpoint, production), endpoint).toBe(true);
    }
  });

  it("refuses any other host: an intranet name, a look-alike, an IP literal, localhost", () => {
    for (const endpoint of [
      "https://intranet.corp.example/",
      "https://xfcm.googleapis.com/fcm/send/abc",
      "https://evilfcm.googleapis.com.attacker.example/fcm/send/abc",
      "https://fcm.googleapis.com.attacker.example/fcm/send/abc",
      "https://fcm.googleapis.com./fcm/send/abc",
      "https://googleapis.com/fcm/send/abc",
      "https://push.apple.com/abc",
      "https://142.250.74.42/fcm/send/abc",
      "https://[::1]/fcm/send/abc",
      "https://localhost/fcm/send/abc",
    ]) {
      expect(isPushEndpoint(endpoint, production), endpoint).toBe(false);
    }
  });

  it("refuses a push service's host over http, on another port, with credentials or a fragment", () => {
    for (const endpoint of [
      "http://fcm.googleapis.com/fcm/send/abc",
      "https://fcm.googleapis.com:8443/fcm/send/abc",
      "https://user:pw@fcm.googleapis.com/fcm/send/abc",
      "https://fcm.googleapis.com@intranet.corp.example/fcm/send/abc",
      "https://fcm.googleapis.com/fcm/send/abc#x",
      "wss://fcm.googleapis.com/fcm/send/abc",
      "not a url",
    ]) {
      expect(isPushEndpoint(endpoint, production), endpoint).toBe(false);
    }
  });

  it("admits an operator's push service and its subdomains when configured, and only then", () => {
    const rule = { ...production, extraHosts: ["push.example.com"] };
    expect(isPushEndpoint("https://push.example.com/send/abc", rule)).toBe(true);
    expect(isPushEndpoint("https://eu.push.example.com/send/abc", rule)).toBe(true);
    expect(isPushEndpoint("https://mypush.example.com/send/abc", rule)).toBe(false);
    expect(isPushEndpoint("http://push.example.com/send/abc", rule)).toBe(false);
    expect(isPushEndpoint("https://push.example.com/send/abc", production)).toBe(false);
    // The browsers' services stay admitted beside it.
    expect(isPushEndpoint("https://fcm.googleapis.com/fcm/send/abc", rule)).toBe(true);
  });

  it("admits http://127.0.0.1 only when loopback is allowed (tests), and no other http host then", () => {
    const loopback = { ...production, loopbackHttp: true };
    expect(isPushEndpoint("http://127.0.0.1:4100/push/abc", loopback)).toBe(true);
    expect(isPushEndpoint("http://127.0.0.1:4100/push/abc", production)).toBe(false);
    expect(isPushEndpoint("http://localhost:4100/push/abc", loopback)).toBe(false);
    expect(isPushEndpoint("http://10.0.0.5/push/abc", loopback)).toBe(false);
    expect(isPushEndpoint("http://intranet.corp.example/push", loopback)).toBe(false);
  });
});
