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
  // A successful sign-in hands over a device cookie (docs/architecture.md §8): next-auth builds its own response,
  // so the cookie is added to it here.
  const cookies: string[] = [];
  const response: Response = await NextAuth(request, context, authOptions({ setCookie: (c) => cookies.push(c) }));
  for (const cookie of cookies) response.headers.append("set-cookie", cookie);
  return response;
}

export { handler as GET, handler as POST };
