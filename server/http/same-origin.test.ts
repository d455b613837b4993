// Cookie-authenticated writes must come from the app's own pages: another port or subdomain of the same host is
// another origin (SameSite cookies do not stop it), and a browser-labelled cross-site request is refused too.
import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from './same-origin';

const req = (headers: Record<string, string>, method = 'POST') =>
  new Request('http://localhost:3000/api/data/proj_demo/upload?name=x.jsonl', {
    method,
    headers,
    body: method === 'GET' ? undefined : 'x',
  });

describe('same-origin check', () => {
  it('lets the app’s own pages and non-browser clients write', () => {
    expect(crossSiteRefusal(req({ origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' }))).toBeNull();
    expect(crossSiteRefusal(req({}))).toBeNull();
  });

  it('refuses a page on another port, another subdomain, or labelled cross-site', () => {
    expect(crossSiteRefusal(req({ origin: 'http://localhost:4000', 'content-type': 'text/plain' }))).toMatch(/localhost:4000/);
    expect(crossSiteRefusal(req({ origin: 'http://evil.localhost:3000' }))).toMatch(/may not act on your session/);
    expect(crossSiteRefusal(req({ 'sec-fetch-site': 'same-site' }))).toMatch(/another site/);
    expect(crossSiteRefusal(req({ 'sec-fetch-site': 'cross-site', origin: 'http://localhost:3000' }))).toMatch(/another site/);
  });

  it('does not stand in the way of reads', () => {
    expect(crossSiteRefusal(req({ origin: 'http://localhost:4000' }, 'GET'))).toBeNull();
  });
});
