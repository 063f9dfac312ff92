"use client";

import Link from "@/components/ui/link";
import { signIn } from "next-auth/react";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { clearPageCaches } from "@/components/pwa/clear-page-caches";

/** Signs in through next-auth's credentials provider, then goes to the (already sanitised) callback path. */
export function LoginForm({ callbackUrl, notice }: { callbackUrl: string; notice?: string }) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      setError(undefined);
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!result || result.error) {
        setError(
          result?.error && result.error !== "CredentialsSignin" ? result.error : "Sign-in failed. Please try again.",
        );
        return;
      }
      // Pages the service worker kept for whoever used this device before are not this person's.
      await clearPageCaches().catch(() => undefined);
      // A full navigation, so every server component renders with the new session.
      window.location.assign(callbackUrl);
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {notice && !error && <Alert tone="success">{notice}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      <TextField
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="username"
        inputMode="email"
        required
      />
      <TextField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
      />
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <Link href="/forgot-password" className="text-brand-700 underline">
          Forgot your password?
        </Link>
        <Link href="/register" className="text-brand-700 underline">
          Create a company account
        </Link>
      </div>
    </form>
  );
}
