import { describe, expect, it } from 'vitest';
import { BUILDKIT_UNAVAILABLE, handle, type Backend } from './routes.ts';

// Requests that reach no backend method: the router answers them itself.
const none = {} as Backend;

describe('routes without a handler', () => {
  it("answers BuildKit's /grpc and /session with 501 and the way to build instead", async () => {
    for (const path of ['/v1.50/grpc', '/session']) {
      const r = await handle(none, { method: 'POST', path });
      expect(r.status).toBe(501);
      expect(r.body).toEqual({ message: BUILDKIT_UNAVAILABLE });
    }
  });
  it('answers an unknown path, or a known one with the wrong method, with 404 page not found as dockerd does', async () => {
    expect(await handle(none, { method: 'GET', path: '/v1.50/nosuch' })).toEqual({ status: 404, body: { message: 'page not found' } });
    expect(await handle(none, { method: 'GET', path: '/v1.50/grpc' })).toEqual({ status: 404, body: { message: 'page not found' } });
  });
  it('refuses an API version above the maximum with the message the CLI prints', async () => {
    const r = await handle(none, { method: 'GET', path: '/v9.99/info' });
    expect(r.status).toBe(400);
    expect((r.body as { message: string }).message).toBe('client version 9.99 is too new. Maximum supported API version is 1.50');
  });
});
