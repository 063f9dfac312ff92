// /start: the installed app's start_url and where sign-in goes without a callbackUrl. It shows nothing: it sends
// each person to their home (lib/auth/home.ts, docs/architecture.md §3 "Landing"), or to sign-in and back here.
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/context";
import { START_PATH, sessionHomePath } from "@/lib/auth/home";

export default async function StartPage() {
  const session = await getSessionUser();
  redirect(session ? sessionHomePath(session) : `/login?callbackUrl=${encodeURIComponent(START_PATH)}`);
}
