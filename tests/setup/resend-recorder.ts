/**
 * A local stand-in for Resend's HTTP API that records what the real `resend` SDK sends
 * (point RESEND_BASE_URL at it). Like Resend, a repeated Idempotency-Key returns the first
 * answer and does not deliver twice. Failure modes can be queued to test retries.
 *
 *   POST /emails            what the SDK calls
 *   GET  /__sent            delivered messages (one per idempotency key)
 *   GET  /__requests        every request received, including failed ones
 *   POST /__fail            body {"status":500|429|…,"times":n} or {"mode":"timeout","times":n}
 *   POST /__reset           forget everything
 *
 * Run standalone: `tsx tests/setup/resend-recorder.ts <port>` (used by the Playwright run).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';

export interface RecordedEmail {
  id: string;
  idempotencyKey: string | null;
  authorization: string | null;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  receivedAt: string;
}

export interface RecordedRequest {
  idempotencyKey: string | null;
  status: number | 'timeout';
  receivedAt: string;
}

type Failure = { status: number } | { mode: 'timeout' };

export interface ResendRecorder {
  url: string;
  port: number;
  sent: RecordedEmail[];
  requests: RecordedRequest[];
  failNext(failure: Failure, times?: number): void;
  reset(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

export async function startResendRecorder(port = 0): Promise<ResendRecorder> {
  const sent: RecordedEmail[] = [];
  const requests: RecordedRequest[] = [];
  const failures: Failure[] = [];
  const byKey = new Map<string, RecordedEmail>();
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      if (req.method === 'GET' && url.pathname === '/__sent') return send(200, sent);
      if (req.method === 'GET' && url.pathname === '/__requests') return send(200, requests);
      if (req.method === 'POST' && url.pathname === '/__reset') {
        sent.length = 0;
        requests.length = 0;
        failures.length = 0;
        byKey.clear();
        return send(200, { ok: true });
      }
      if (req.method === 'POST' && url.pathname === '/__fail') {
        const body = JSON.parse(await readBody(req)) as { status?: number; mode?: 'timeout'; times?: number };
        for (let i = 0; i < (body.times ?? 1); i++) failures.push(body.mode === 'timeout' ? { mode: 'timeout' } : { status: body.status ?? 500 });
        return send(200, { queued: failures.length });
      }
      if (req.method === 'POST' && url.pathname === '/emails') {
        const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
        const payload = JSON.parse(await readBody(req)) as Omit<RecordedEmail, 'id' | 'idempotencyKey' | 'receivedAt' | 'authorization'> & {
          to: string | string[];
        };
        const failure = failures.shift();
        const receivedAt = new Date().toISOString();
        if (failure && 'mode' in failure) {
          requests.push({ idempotencyKey: key, status: 'timeout', receivedAt });
          hanging.add(res);
          return; // never answer
        }
        if (failure) {
          requests.push({ idempotencyKey: key, status: failure.status, receivedAt });
          return send(failure.status, {
            statusCode: failure.status,
            name: failure.status === 429 ? 'rate_limit_exceeded' : 'internal_server_error',
            message: failure.status === 429 ? 'Too many requests' : 'Something went wrong',
          });
        }
        requests.push({ idempotencyKey: key, status: 200, receivedAt });
        const existing = key ? byKey.get(key) : undefined;
        if (existing) return send(200, { id: existing.id });
        const email: RecordedEmail = {
          ...payload,
          to: Array.isArray(payload.to) ? payload.to : [payload.to],
          id: randomUUID(),
          idempotencyKey: key,
          authorization: (req.headers.authorization as string | undefined) ?? null,
          receivedAt,
        };
        sent.push(email);
        if (key) byKey.set(key, email);
        return send(200, { id: email.id });
      }
      send(404, { statusCode: 404, name: 'not_found', message: 'Not found' });
    } catch (error) {
      send(400, { statusCode: 400, name: 'validation_error', message: String(error) });
    }
  });

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    sent,
    requests,
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    reset() {
      sent.length = 0;
      requests.length = 0;
      failures.length = 0;
      byKey.clear();
    },
    close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.argv[2] ?? process.env.RECORDER_PORT ?? 3211);
  const recorder = await startResendRecorder(port);
  console.info(`resend recorder listening on ${recorder.url}`);
  const stop = () => void recorder.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
