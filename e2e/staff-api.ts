// A staff member of the demo tenant calling the API as the admin console does: signed in with the demo
// password, every write carrying the CSRF token. Paths are below /api. For the steps a browser test sets
// up (or checks) through the API rather than through the page.
import assert from 'node:assert/strict';
import type { APIRequestContext } from 'playwright-core';

export type Api = {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH', path: string, data?: unknown): Promise<T>;
};

/** A staff API client on a signed-in request context (its cookies are the browser context's). */
export const staffApi = async (request: APIRequestContext, login: string): Promise<Api> => {
  const signIn = await request.post('/api/auth/staff/sign-in', {
    data: { tenant: 'demo', login, password: 'm4s-demo' },
  });
  assert.equal(signIn.status(), 200, await signIn.text());
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  return clientOf(request, csrfToken);
};

export const clientOf = (request: APIRequestContext, csrfToken: string): Api => ({
  get: async <T>(path: string) => {
    const res = await request.get(`/api${path}`);
    assert.ok(res.ok(), `GET ${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  },
  send: async <T>(method: 'POST' | 'PUT' | 'PATCH', path: string, data?: unknown) => {
    const res = await request.fetch(`/api${path}`, { method, data, headers: { 'x-csrf-token': csrfToken } });
    assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : null) as T;
  },
});
