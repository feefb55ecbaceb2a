import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './env.server';

const valid = {
  DATABASE_URL: 'postgres://insteg:db-password-123@127.0.0.1:5432/insteg',
  MEILI_URL: 'http://127.0.0.1:7700',
  SESSION_SECRET: 'a-session-secret-that-is-long-enough-0123',
};

/** The ConfigError thrown for this environment (fails the test if none is thrown). */
function configError(source: Record<string, string | undefined>): ConfigError {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe('parseEnv', () => {
  it('fills in defaults for everything optional', () => {
    const env = parseEnv(valid);
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      SEARCH_INDEX_PREFIX: '',
      EMAIL_FROM: 'Insteg <noreply@insteg.test>',
      WORKERS: 'on',
      APP_URL: 'http://localhost:3000',
      DATABASE_URL: valid.DATABASE_URL,
      MEILI_URL: valid.MEILI_URL,
    });
    expect(env.RESEND_API_KEY).toBeUndefined();
    expect(env.MEILI_MASTER_KEY).toBeUndefined();
  });

  it('serves from one HTTP process outside production, from all cores but one in production, or as many as WEB_CONCURRENCY says', () => {
    expect(parseEnv(valid).WEB_CONCURRENCY).toBe(1);
    expect(parseEnv({ ...valid, NODE_ENV: 'production' }).WEB_CONCURRENCY).toBe(Math.max(1, availableParallelism() - 1));
    expect(parseEnv({ ...valid, NODE_ENV: 'production', WEB_CONCURRENCY: '3' }).WEB_CONCURRENCY).toBe(3);
    expect(configError({ ...valid, WEB_CONCURRENCY: '0' }).message).toBe('Invalid configuration: WEB_CONCURRENCY must be a whole number of processes between 1 and 64');
    expect(configError({ ...valid, WEB_CONCURRENCY: 'many' }).message).toBe('Invalid configuration: WEB_CONCURRENCY must be a whole number of processes between 1 and 64');
  });

  it('reads the port as a number and derives APP_URL from it; an explicit APP_URL loses its trailing slash', () => {
    expect(parseEnv({ ...valid, PORT: '8080' })).toMatchObject({ PORT: 8080, APP_URL: 'http://localhost:8080' });
    expect(parseEnv({ ...valid, APP_URL: 'https://insteg.example.se/' }).APP_URL).toBe('https://insteg.example.se');
    expect(parseEnv({ ...valid, DATABASE_URL: 'postgresql://u:p@db/x' }).DATABASE_URL).toBe('postgresql://u:p@db/x');
  });

  it.each(['abc', '0', '70000', '3000.5', '-1'])('rejects PORT=%s naming the variable', (port) => {
    const error = configError({ ...valid, PORT: port });
    expect(error.message.startsWith('Invalid configuration: PORT')).toBe(true);
    expect(error.message).toBe('Invalid configuration: PORT must be an integer between 1 and 65535');
  });

  it('says a missing DATABASE_URL is required but not set', () => {
    const { DATABASE_URL: _omit, ...rest } = valid;
    expect(configError(rest).message).toBe('Invalid configuration: DATABASE_URL is required but not set');
  });

  it('says a missing SESSION_SECRET is required but not set', () => {
    const { SESSION_SECRET: _omit, ...rest } = valid;
    expect(configError(rest).message).toBe('Invalid configuration: SESSION_SECRET is required but not set');
  });

  it('treats an empty string as not set', () => {
    expect(configError({ ...valid, DATABASE_URL: '' }).message).toBe('Invalid configuration: DATABASE_URL is required but not set');
    expect(parseEnv({ ...valid, PORT: '', RESEND_API_KEY: '', APP_URL: '' })).toMatchObject({ PORT: 3000, APP_URL: 'http://localhost:3000' });
    expect(parseEnv({ ...valid, RESEND_API_KEY: '' }).RESEND_API_KEY).toBeUndefined();
  });

  it('rejects a DATABASE_URL that is not PostgreSQL', () => {
    expect(configError({ ...valid, DATABASE_URL: 'mysql://u:p@h/db' }).message).toBe(
      'Invalid configuration: DATABASE_URL must start with postgres:// or postgresql://',
    );
  });

  it.each([
    ['not a url', 'Invalid configuration: MEILI_URL must be a URL such as http://127.0.0.1:7700'],
    ['ftp://search.example.se', 'Invalid configuration: MEILI_URL must start with http:// or https://'],
  ])('rejects MEILI_URL=%s', (url, message) => {
    expect(configError({ ...valid, MEILI_URL: url }).message).toBe(message);
  });

  it('rejects a short SESSION_SECRET', () => {
    expect(configError({ ...valid, SESSION_SECRET: 'x'.repeat(31) }).message).toBe(
      'Invalid configuration: SESSION_SECRET must be at least 32 characters',
    );
    expect(parseEnv({ ...valid, SESSION_SECRET: 'x'.repeat(32) }).SESSION_SECRET).toHaveLength(32);
  });

  it.each([
    ['SESSION_SECRET', 'hunter2-is-my-secret'],
    ['MEILI_MASTER_KEY', 'tiny-meili-key'],
    ['RESEND_API_KEY', 'sk_live_SuperSecretValue'],
    ['DATABASE_URL', 'mysql://admin:TopSecretPw@db.example.se/insteg'],
  ])('never echoes the value of a malformed %s', (name, secret) => {
    const error = configError({ ...valid, [name]: secret });
    expect(error.message.startsWith(`Invalid configuration: ${name} `)).toBe(true);
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toMatch(/hunter2|tiny-meili|SuperSecret|TopSecret/);
  });

  it('puts the whole problem on one line', () => {
    const error = configError({ ...valid, SESSION_SECRET: 'short', PORT: 'abc' });
    expect(error.message).not.toContain('\n');
    expect(error.name).toBe('ConfigError');
  });

  it('validates the optional settings when they are given', () => {
    expect(configError({ ...valid, SEARCH_INDEX_PREFIX: 'Bad-Prefix' }).message).toMatch(/^Invalid configuration: SEARCH_INDEX_PREFIX /);
    expect(configError({ ...valid, EMAIL_FROM: 'not an address' }).message).toMatch(/^Invalid configuration: EMAIL_FROM /);
    expect(configError({ ...valid, WORKERS: 'maybe' }).message).toMatch(/^Invalid configuration: WORKERS /);
    expect(parseEnv({ ...valid, EMAIL_FROM: 'noreply@stockholm.se' }).EMAIL_FROM).toBe('noreply@stockholm.se');
    expect(parseEnv({ ...valid, RESEND_API_KEY: 're_abc_123' }).RESEND_API_KEY).toBe('re_abc_123');
  });
});
