// A small client of the mentoring platform, typed from the contract. The build regenerates
// generated/mentoring-api.d.ts from docs/openapi.yaml and type-checks this file, so an API change that would break
// a frontend shows up here first. See docs/api.md.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./generated/mentoring-api";

export type ProfileView = components["schemas"]["ProfileView"];
export type Problem = components["schemas"]["Problem"];

/** Every call carries the caller's bearer token; the token source refreshes it as needed. */
export function mentoringClient(baseUrl: string, token: () => Promise<string>) {
  const client = createClient<paths>({ baseUrl });
  const auth: Middleware = {
    async onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${await token()}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}

type Client = ReturnType<typeof mentoringClient>;

/** Errors are application/problem+json: show the title and detail, switch on the stable type. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.title}${problem.detail ? `: ${problem.detail}` : ""}`);
  }
}

export async function myProfile(client: Client): Promise<{ profile: ProfileView; etag: string }> {
  const { data, error, response } = await client.GET("/v1/me");
  if (error) {
    throw new ProblemError(error);
  }
  return { profile: data, etag: response.headers.get("ETag") ?? "" };
}

/** Pages are {items, nextCursor}: follow nextCursor until it is absent. */
export async function* mentorsFor(client: Client, skill: string) {
  let cursor: string | undefined;
  do {
    const { data, error } = await client.GET("/v1/profiles", {
      params: { query: { skill, openToRequests: true, limit: 50, cursor } },
    });
    if (error) {
      throw new ProblemError(error);
    }
    yield* data.items ?? [];
    cursor = data.nextCursor ?? undefined;
  } while (cursor);
}

/** Updates are JSON Merge Patch with the ETag read before, so two editors cannot overwrite each other. */
export async function updateBio(client: Client, etag: string, bio: string): Promise<ProfileView> {
  const { data, error } = await client.PATCH("/v1/me", {
    params: { header: { "If-Match": etag } },
    headers: { "Content-Type": "application/merge-patch+json" },
    body: { bio },
  });
  if (error) {
    if (error.type === "urn:mentoring:problem:precondition-failed") {
      throw new ProblemError({ ...error, detail: "Someone else changed the profile: read it again" });
    }
    throw new ProblemError(error);
  }
  return data;
}
