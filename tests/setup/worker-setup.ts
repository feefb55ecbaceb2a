/**
 * Runs before each test file: gives the file its own database cloned from the seeded template,
 * its own Meilisearch index prefix, and a configuration pointing at them. A console.error during
 * a test fails the test.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import { resetEnvCache } from '../../app/env.server';
import { closeDb } from '../../db/client.server';

const TEMPLATE_DB = 'insteg_template';
const fileId = `${process.env.VITEST_POOL_ID ?? '0'}_${randomBytes(3).toString('hex')}`;
const dbName = `insteg_t${fileId}`;

export async function createFileDatabase() {
  const admin = postgres(process.env.TEST_PG_ADMIN_URL!, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.unsafe(`create database "${dbName}" template "${TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
}

beforeAll(async () => {
  await createFileDatabase();
  process.env.DATABASE_URL = process.env.TEST_PG_URL_TEMPLATE!.replace('__DB__', dbName);
  process.env.SEARCH_INDEX_PREFIX = `t${fileId}_`;
  process.env.SESSION_SECRET = 'test-secret-test-secret-test-secret-0123';
  process.env.APP_URL = 'http://insteg.test';
  process.env.NODE_ENV = 'test';
  process.env.INSTEG_SCRYPT_COST = '10';
  delete process.env.RESEND_API_KEY;
  resetEnvCache();
});

let consoleErrors: unknown[][] = [];
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
  // Expected warnings (a search falling back while a test has Meilisearch down) stay out of the output.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  const errors = consoleErrors;
  consoleErrors = [];
  expect(errors, `console.error was called during the test: ${JSON.stringify(errors).slice(0, 500)}`).toEqual([]);
});

afterAll(async () => {
  await closeDb();
  globalThis.__insteg_meili = undefined;
  const admin = postgres(process.env.TEST_PG_ADMIN_URL!, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  } finally {
    await admin.end();
  }
});
