import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { malformedCredentials } from "@/lib/auth/sign-in";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request: the environment is read at run time, not at build time.
async function handler(request: NextRequest, context: Context) {
  if (request.method === "POST" && request.nextUrl.pathname === "/api/auth/callback/credentials") {
    // Malformed fields (a NUL in the email) are a bad request, answered before next-auth turns them into a
    // database error. A form body that cannot be read at all is one too.
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    if (!form || malformedCredentials({ email: form.get("email") ?? "", password: form.get("password") ?? "" })) {
      return Response.json(
        { type: "about:blank", status: 400, title: "Bad request", detail: "Enter your email and password." },
        { status: 400, headers: { "content-type": "application/problem+json", "cache-control": "no-store" } },
      );
    }
  }
  return NextAuth(request, context, authOptions());
}

export { handler as GET, handler as POST };
