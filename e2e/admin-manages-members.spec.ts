// An admin manages who is in the project: adds a new person (whose one-time password signs them in), changes a role;
// an engineer, who cannot open Settings, is told which admins to ask for an API key.
import { expect, test } from '@playwright/test';
import { PROJECT, signIn } from './support/demo';

test('an admin adds a member with a one-time password, and changes their role', async ({ page, browser }) => {
  await signIn(page, 'admin');
  await page.goto(`/p/${PROJECT}/settings`);
  const form = page.getByRole('form', { name: 'Add a member' });
  await form.getByLabel('Email').fill('rita.rater@example.com');
  await form.getByLabel('Name (new people)').fill('Rita Rater');
  await form.getByLabel('Role').selectOption('annotator');
  await form.getByRole('button', { name: 'Add member' }).click();
  const added = page.getByTestId('member-added');
  await expect(added).toContainText('Added rita.rater@example.com as annotator');
  const password = (await added.locator('code').textContent())!.trim();
  await expect(page.getByRole('row', { name: /rita\.rater@example\.com/ })).toBeVisible();

  // The new person signs in with it and lands on the only screen annotators have.
  const other = await browser.newPage();
  await other.goto('/signin');
  await other.getByLabel('Email').fill('rita.rater@example.com');
  await other.getByLabel('Password').fill(password);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other).toHaveURL(new RegExp(`/p/${PROJECT}/annotate`));
  await other.close();

  await page.getByLabel('Role of rita.rater@example.com').selectOption('viewer');
  await page.reload();
  await expect(page.getByLabel('Role of rita.rater@example.com')).toHaveValue('viewer');
});

test('an engineer is told which admins to ask for an API key', async ({ page }) => {
  await signIn(page, 'engineer');
  await page.goto(`/p/${PROJECT}/data/upload`);
  await expect(page.getByTestId('project-admins')).toContainText('Ask an admin of this project for an API key: Ada Admin');
});
