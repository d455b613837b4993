// Signing in as a demo user through the real sign-in form.
import { expect, type Page } from '@playwright/test';

export const PROJECT = 'proj_demo';

export const DEMO = {
  admin: { email: 'admin@demo.agentfactory.dev', password: 'demo-admin-pass' },
  engineer: { email: 'engineer@demo.agentfactory.dev', password: 'demo-engineer-pass' },
  annotator: { email: 'annotator@demo.agentfactory.dev', password: 'demo-annotator-pass' },
  viewer: { email: 'viewer@demo.agentfactory.dev', password: 'demo-viewer-pass' },
} as const;

export type DemoRole = keyof typeof DEMO;

export async function signIn(page: Page, role: DemoRole) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(DEMO[role].email);
  await page.getByLabel('Password').fill(DEMO[role].password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/p\/proj_demo\//);
}

/** A tRPC query over HTTP with the page's session cookie, as the UI would send it. */
export function trpcQuery(page: Page, path: string, input: unknown) {
  return page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
}

export function trpcMutation(page: Page, path: string, input: unknown) {
  return page.request.post(`/api/trpc/${path}`, { data: { json: input } });
}
