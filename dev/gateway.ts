/**
 * The local gateway (design.md §6): POST /functions/<name> runs that cloud function's real
 * code with the event as body. The caller comes from the `x-wx-openid` header, which
 * exists only here; production takes it from the platform.
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fail } from '../miniprogram/core/envelope';
import { createApiFunction, type CloudFunction } from '../cloudfunctions/lib/api-function';
import { memberIdFor } from '../cloudfunctions/lib/kernel/caller';
import { runSweep } from '../cloudfunctions/lib/sweep/run-sweep';
import { ReferenceCacheStore, referenceTtlFromEnv } from '../cloudfunctions/lib/store/reference-cache';
import type { LocalDeps, OffsetClock } from './local-deps';
import { receiveUpload, serveUpload } from './uploads';

const MAX_BODY = 1024 * 1024;
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

interface LocalContext {
  openid: string | null;
}

export interface Gateway {
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function createGateway(deps: LocalDeps, clock?: OffsetClock, uploadsDir = path.join(os.tmpdir(), 'linli-uploads')): http.Server {
  // The api reads reference data through the instance's cache, as a CloudBase instance does.
  const api: CloudFunction = createApiFunction({ ...deps, store: new ReferenceCacheStore(deps.store, referenceTtlFromEnv(process.env.LINLI_REFERENCE_TTL_MS)) }, (context) => (context as LocalContext).openid);
  const functions: Record<string, (event: unknown, context: LocalContext) => Promise<unknown>> = {
    api,
    // The timer function answers with its report, as it does when triggered in production.
    sweep: async () => runSweep(deps),
  };

  return http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, { ok: true });

      if (req.method === 'GET' && url.pathname === '/_dev/inbox') {
        // Lets a demo or test read what would have been pushed to a person.
        const openid = url.searchParams.get('openid') ?? '';
        if (!OPENID.test(openid)) return send(res, 400, fail('VALIDATION_ERROR', '请提供 openid'));
        const recipientId = memberIdFor(openid);
        const member = await deps.store.get<{ _id: string; communityId: string }>('members', recipientId);
        if (!member) return send(res, 200, { ok: true, data: { items: [] } });
        const page = await deps.store.query('inbox', {
          where: { communityId: member.communityId, recipientId },
          orderBy: { field: 'createdAt', dir: 'desc' },
          limit: 50,
        });
        return send(res, 200, { ok: true, data: { items: page.items } });
      }

      if (req.method === 'POST' && url.pathname === '/uploads') {
        const header = req.headers['x-wx-openid'];
        const openid = typeof header === 'string' && OPENID.test(header) ? header : null;
        const result = await receiveUpload(req, openid ? memberIdFor(openid) : null, uploadsDir);
        return send(res, result.status, result.body);
      }
      if (req.method === 'GET' && url.pathname.startsWith('/uploads/')) return serveUpload(res, url, uploadsDir, deps.files);

      if (req.method === 'POST' && url.pathname === '/_dev/clock' && clock) {
        const minutes = Number(url.searchParams.get('advanceMinutes') ?? '0');
        if (!Number.isFinite(minutes) || minutes < 0 || minutes > 60 * 24 * 365) {
          return send(res, 400, fail('VALIDATION_ERROR', 'advanceMinutes 须为 0 到 525600 之间的数字'));
        }
        clock.offsetMs += minutes * 60_000;
        return send(res, 200, { ok: true, data: { now: clock.now(), offsetMs: clock.offsetMs } });
      }

      const match = /^\/functions\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
      if (!match) return send(res, 404, fail('NOT_FOUND', '没有这个地址'));
      if (req.method !== 'POST') return send(res, 405, fail('VALIDATION_ERROR', '请使用 POST'));
      const fn = Object.prototype.hasOwnProperty.call(functions, match[1]) ? functions[match[1]] : undefined;
      if (!fn) return send(res, 404, fail('NOT_FOUND', `没有名为 ${match[1]} 的云函数`));

      const raw = await readBody(req);
      if (raw === null) return send(res, 413, fail('VALIDATION_ERROR', '请求内容过大'));
      let event: unknown = {};
      if (raw.trim() !== '') {
        try {
          event = JSON.parse(raw);
        } catch {
          return send(res, 400, fail('VALIDATION_ERROR', '请求内容不是有效的 JSON'));
        }
      }
      const header = req.headers['x-wx-openid'];
      const openid = typeof header === 'string' && OPENID.test(header) ? header : null;
      return send(res, 200, await fn(event, { openid } satisfies LocalContext));
    } catch (err) {
      deps.log.error({ gateway: 'unhandled', error: err instanceof Error ? err.message : 'non-error thrown' });
      if (!res.headersSent) send(res, 500, fail('INTERNAL'));
    }
  });
}

export async function listen(server: http.Server, port: number, host = '127.0.0.1'): Promise<Gateway> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${actual}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
