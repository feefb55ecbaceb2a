import { availableParallelism } from 'node:os';
import { z } from 'zod';

/**
 * The process configuration, parsed once. A malformed value stops the process with one line
 * naming the variable and what is wrong (never echoing a secret).
 */
const postgresUrl = z
  .string()
  .url('must be a URL such as postgres://user:password@host:5432/db')
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://');

const httpUrl = z
  .string()
  .url('must be a URL such as http://127.0.0.1:7700')
  .refine((v) => /^https?:\/\//.test(v), 'must start with http:// or https://');

const emailFrom = z
  .string()
  .refine(
    (v) => /^[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+$/.test(v) || /^[^<>]+<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>$/.test(v),
    'must be an address like noreply@example.se or "Insteg <noreply@example.se>"',
  );

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).default('development'),
    DATABASE_URL: postgresUrl,
    MEILI_URL: httpUrl,
    MEILI_MASTER_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
    SEARCH_INDEX_PREFIX: z
      .string()
      .regex(/^[a-z0-9_]*$/, 'may only contain a-z, 0-9 and _')
      .default(''),
    RESEND_API_KEY: z
      .string()
      .regex(/^re_[A-Za-z0-9_]+$/, 'must look like re_xxxxxxxx (a Resend API key)')
      .optional(),
    RESEND_BASE_URL: httpUrl.optional(),
    EMAIL_FROM: emailFrom.default('Insteg <noreply@insteg.test>'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters'),
    PORT: z.coerce
      .number({ error: 'must be an integer between 1 and 65535' })
      .int('must be an integer between 1 and 65535')
      .min(1, 'must be an integer between 1 and 65535')
      .max(65535, 'must be an integer between 1 and 65535')
      .default(3000),
    APP_URL: httpUrl.optional(),
    WORKERS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
    /** HTTP processes (node:cluster); unset: one per core but one in production, one otherwise. */
    WEB_CONCURRENCY: z.coerce
      .number({ error: 'must be a whole number of processes between 1 and 64' })
      .int('must be a whole number of processes between 1 and 64')
      .min(1, 'must be a whole number of processes between 1 and 64')
      .max(64, 'must be a whole number of processes between 1 and 64')
      .optional(),
    /** Months after exit before an aspirant is anonymised (docs/decisions/006-aspirant-retention.md). */
    ASPIRANT_RETENTION_MONTHS: z.coerce
      .number({ error: 'must be a whole number of months between 1 and 120' })
      .int('must be a whole number of months between 1 and 120')
      .min(1, 'must be a whole number of months between 1 and 120')
      .max(120, 'must be a whole number of months between 1 and 120')
      .default(24),
    /** The least number of seconds between two refreshes of the statistics (when their sources changed). */
    STATISTICS_REFRESH_SECONDS: z.coerce
      .number({ error: 'must be a whole number of seconds between 1 and 86400' })
      .int('must be a whole number of seconds between 1 and 86400')
      .min(1, 'must be a whole number of seconds between 1 and 86400')
      .max(86400, 'must be a whole number of seconds between 1 and 86400')
      .default(30),
  })
  .transform((env) => ({
    ...env,
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    // One core is left to PostgreSQL, Meilisearch and the kernel, which share the machine in the
    // default set-up (measured on 2 cores: a second HTTP process bought ~20 % more requests for
    // ~80 % more memory; ADR 011).
    WEB_CONCURRENCY: env.WEB_CONCURRENCY ?? (env.NODE_ENV === 'production' ? Math.max(1, availableParallelism() - 1) : 1),
  }));

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses a raw environment; throws a ConfigError whose message is one line per problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings are treated as "not set" so `FOO= npm start` behaves like an unset FOO.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  const message =
    issue?.code === 'invalid_type' && cleaned[name] === undefined ? 'is required but not set' : issue?.message;
  throw new ConfigError(`Invalid configuration: ${name} ${message}`);
}

let cached: Env | undefined;

/** The parsed configuration of this process (parsed on first use, then cached). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache() {
  cached = undefined;
}
