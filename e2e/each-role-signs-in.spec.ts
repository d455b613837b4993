// Each demo role signs in and gets exactly its own share of the product, in the UI and in the API.
import { expect, test } from '@playwright/test';
import { PROJECT, signIn, trpcMutation, trpcQuery } from './support/demo';

const nav = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link');

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Email').fill('admin@demo.agentfactory.dev');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('#password-error')).toHaveText('Wrong email or password.');
  await expect(page).toHaveURL(/\/signin/);
});

test('signed-out visitors are sent to sign in', async ({ page }) => {
  await page.goto(`/p/${PROJECT}/jobs`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});

test('the admin lands on the wizard and sees every factory and settings', async ({ page }) => {
  await signIn(page, 'admin');
  await expect(page).toHaveURL(`/p/${PROJECT}/wizard`);
  await expect(page.getByRole('list', { name: 'Wizard steps' }).getByRole('listitem')).toHaveCount(6);
  await expect(nav(page)).toHaveText([
    'Wizard',
    /Compute/,
    /Data/,
    /Environment/,
    /Training/,
    /Evaluation/,
    /Runtime/,
    'Annotation queue',
    'Jobs',
    'Settings',
  ]);
  await page
    .getByRole('link', { name: /Evaluation/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: '5. Evaluation' })).toBeVisible();
  // Before any model is trained (or endpoint added) the page says what to do first; after, that there is no run yet.
  await expect(page.getByTestId('empty-state')).toContainText(/Train a model, then evaluate it here|No evaluations yet/);
});

test('the engineer lands on the wizard and can switch projects', async ({ page }) => {
  await signIn(page, 'engineer');
  await expect(page).toHaveURL(`/p/${PROJECT}/wizard`);
  await expect(nav(page).filter({ hasText: 'Settings' })).toHaveCount(0);
  await page.getByLabel('Project').selectOption({ label: 'Sandbox (admin)' });
  await expect(page).toHaveURL(/\/p\/proj_sandbox\/wizard/);
  await expect(nav(page).filter({ hasText: 'Settings' })).toHaveCount(1);
});

test('the annotator sees only the annotation queue and is refused elsewhere, in the UI and the API', async ({ page }) => {
  await signIn(page, 'annotator');
  await expect(page).toHaveURL(`/p/${PROJECT}/annotate`);
  await expect(nav(page)).toHaveText(['Annotation queue']);
  await expect(page.getByRole('heading', { name: 'Annotation queue' })).toBeVisible();

  for (const path of ['wizard', 'data', 'training', 'evaluation', 'jobs', 'settings']) {
    const res = await page.goto(`/p/${PROJECT}/${path}`);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { name: 'Your role cannot open this page' })).toBeVisible();
  }
  const list = await trpcQuery(page, 'jobs.list', { projectId: PROJECT });
  expect(list.status()).toBe(403);
  expect(JSON.stringify(await list.json())).toContain('Your role (annotator) cannot do this');
  expect((await trpcMutation(page, 'jobs.runDiagnostic', { projectId: PROJECT })).status()).toBe(403);
});

test('the viewer reads every factory but has no write actions', async ({ page }) => {
  await signIn(page, 'viewer');
  await expect(nav(page).filter({ hasText: 'Annotation queue' })).toHaveCount(0);
  await expect(nav(page).filter({ hasText: 'Settings' })).toHaveCount(0);
  await page.goto(`/p/${PROJECT}/jobs`);
  await expect(page.getByRole('heading', { name: 'Jobs', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run diagnostic job' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Cancel|Restart/ })).toHaveCount(0);
  expect((await page.goto(`/p/${PROJECT}/settings`))?.status()).toBe(403);
  expect((await page.goto(`/p/${PROJECT}/annotate`))?.status()).toBe(403);
  expect((await trpcQuery(page, 'jobs.list', { projectId: PROJECT })).status()).toBe(200);
  expect((await trpcMutation(page, 'jobs.runDiagnostic', { projectId: PROJECT })).status()).toBe(403);
  expect((await trpcMutation(page, 'project.apiKeys.create', { projectId: PROJECT, name: 'x' })).status()).toBe(403);
});
