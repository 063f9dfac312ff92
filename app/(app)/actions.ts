"use server";

import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth/sign-out";

export async function signOutAction(): Promise<void> {
  await signOut();
  redirect("/");
}
