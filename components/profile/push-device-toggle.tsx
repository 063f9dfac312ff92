"use client";

// "Notifications on this device" (docs/architecture.md §8, "Push notifications"): turns Web Push on or off for this
// browser in the active company. On: ask the browser's permission, subscribe through the service worker's push
// manager with the server's VAPID key, and store the subscription (subscribeAction). Off: forget it on the server
// (unsubscribeAction); the browser keeps its subscription, which may serve the person's other companies. The switch
// reads "On" only when the browser's subscription is one the server holds for this session.
import { useEffect, useId, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { useFormCompany } from "@/components/ui/company-field";
import type { FormAction, FormState } from "@/components/ui/form-state";
import { Spinner } from "@/components/ui/spinner";
import { COMPANY_FIELD } from "@/lib/form-company";

type Support = "checking" | "unsupported" | "ready";

/** How long to wait for the service worker before saying so: it may still be installing, or missing. */
const WORKER_WAIT_MS = 10_000;

function supportsPush(): boolean {
  return (
    typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window
  );
}

/** The VAPID public key as the push manager takes it. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function workerRegistration(): Promise<ServiceWorkerRegistration> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("no service worker")), WORKER_WAIT_MS);
  });
  try {
    return await Promise.race([navigator.serviceWorker.ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** This browser's subscription with the server's key: an old one made with another key is replaced. */
async function subscribe(registration: ServiceWorkerRegistration, publicKey: string): Promise<PushSubscription> {
  const options = { userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) };
  try {
    return await registration.pushManager.subscribe(options);
  } catch (error) {
    const existing = await registration.pushManager.getSubscription();
    if (!existing) throw error;
    await existing.unsubscribe();
    return registration.pushManager.subscribe(options);
  }
}

/** Whether this browser can do push, and whether its subscription is one the server holds for this session. */
async function deviceState(endpoints: string[]): Promise<{ support: Support; on: boolean }> {
  if (!supportsPush()) return { support: "unsupported", on: false };
  try {
    const registration = await navigator.serviceWorker.getRegistration();
    const subscription = await registration?.pushManager.getSubscription();
    return { support: "ready", on: !!subscription && endpoints.includes(subscription.endpoint) };
  } catch {
    return { support: "ready", on: false };
  }
}

const failure = (message: string): FormState<null> => ({ ok: false, code: "CONFLICT", message });

export function PushDeviceToggle({
  publicKey,
  endpoints,
  subscribeAction,
  unsubscribeAction,
}: {
  /** Null: push is not set up on this server. */
  publicKey: string | null;
  /** The subscriptions the server holds for this session in this company. */
  endpoints: string[];
  subscribeAction: FormAction<null>;
  unsubscribeAction: FormAction<null>;
}) {
  const id = useId();
  const company = useFormCompany();
  const [support, setSupport] = useState<Support>("checking");
  const [on, setOn] = useState(false);
  const [result, setResult] = useState<{ state: FormState<null>; success?: string } | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    let live = true;
    void deviceState(endpoints).then((state) => {
      if (!live) return;
      setSupport(state.support);
      setOn(state.on);
    });
    return () => {
      live = false;
    };
  }, [endpoints]);

  const send = async (action: FormAction<null>, fields: Record<string, string>): Promise<FormState<null>> => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    if (company) form.set(COMPANY_FIELD, company);
    try {
      return await action(null, form);
    } catch {
      return failure("Could not reach StockFlow. Check your connection and try again.");
    }
  };

  const turnOn = async (key: string) => {
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
      return setResult({
        state: failure(
          "This browser blocks notifications from StockFlow. Allow them in its site settings, then try again.",
        ),
      });
    }
    let subscription: PushSubscription;
    try {
      subscription = await subscribe(await workerRegistration(), key);
    } catch {
      return setResult({
        state: failure("This browser could not subscribe to notifications. Reload the page and try again."),
      });
    }
    const { endpoint = "", keys = {} } = subscription.toJSON();
    const state = await send(subscribeAction, { endpoint, p256dh: keys.p256dh ?? "", auth: keys.auth ?? "" });
    if (state?.ok) setOn(true);
    setResult({ state, success: "Notifications are on for this device." });
  };

  const turnOff = async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const subscription = await registration?.pushManager.getSubscription();
    const state = subscription
      ? await send(unsubscribeAction, { endpoint: subscription.endpoint })
      : ({ ok: true, data: null } as const);
    if (state?.ok) setOn(false);
    setResult({ state, success: "Notifications are off for this device." });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!publicKey) return;
    setResult(null);
    startTransition(() => (on ? turnOff() : turnOn(publicKey)));
  };

  if (!publicKey) {
    return (
      <Alert tone="info">
        Push notifications are not set up on this server. Your administrator can turn them on (VAPID keys, see the
        README); until then, email still reaches you.
      </Alert>
    );
  }
  if (support === "unsupported") {
    return (
      <Alert tone="info">
        This browser cannot receive push notifications. On an iPhone, add StockFlow to the home screen first; elsewhere
        try a current Chrome, Edge or Firefox.
      </Alert>
    );
  }

  const message = result?.state ? (
    result.state.ok ? (
      result.success && <Alert tone="success">{result.success}</Alert>
    ) : (
      <Alert tone="error">{result.state.message}</Alert>
    )
  ) : null;

  return (
    <form onSubmit={onSubmit} aria-label="Notifications on this device" className="space-y-3" noValidate>
      {message}
      <div className="flex min-h-11 flex-wrap items-center justify-between gap-3">
        <div className="text-sm">
          <p id={`${id}-label`} className="font-medium text-slate-800">
            Notifications on this device
          </p>
          <p id={`${id}-detail`} className="text-slate-600">
            New requests and decisions, as they happen, under the same choices as your email.
          </p>
        </div>
        <button
          type="submit"
          role="switch"
          aria-checked={on}
          aria-labelledby={`${id}-label`}
          aria-describedby={`${id}-detail`}
          aria-busy={pending || undefined}
          disabled={pending || support === "checking"}
          className="inline-flex min-h-11 min-w-24 items-center justify-center gap-2 rounded-full border px-4 text-sm font-semibold transition-colors disabled:cursor-not-allowed disabled:opacity-70 aria-checked:border-brand-600 aria-checked:bg-brand-600 aria-checked:text-white border-slate-300 bg-white text-slate-800"
        >
          {pending && <Spinner />}
          {pending ? (on ? "Turning off…" : "Turning on…") : on ? "On" : "Off"}
        </button>
      </div>
    </form>
  );
}
