/**
 * The HTTP application: zod validation and serialisation, OpenAPI, cookie
 * sessions and API tokens, per-route access declarations, one error mapper,
 * and the built web app on the same port.
 */
import type { Queue } from '../queue.js';
import { scheduleRoutes } from '../../schedule/routes.js';
import { notificationRoutes } from '../../notifications/routes.js';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit, refusalRecorded, type Actor } from '../../audit/audit.js';
import { auditRoutes } from '../../audit/routes.js';
import { decide, type Access } from '../../auth/access.js';
import { authRoutes } from '../../auth/routes.js';
import { resolveApiToken, resolveSession, type AuthSettings, type Principal } from '../../auth/service.js';
import { CSRF_HEADER, SESSION_COOKIE, safeEqual } from '../../auth/tokens.js';
import { orgRoutes } from '../../orgs/routes.js';
import { policyLibraryRoutes } from '../../policy/library-routes.js';
import { policyRoutes } from '../../policy/routes.js';
import { runRoutes } from '../../policy/run-routes.js';
import { catalogueRoutes } from '../../policy/catalogue-routes.js';
import { flagRoutes, indexRoutes } from '../../index/routes.js';
import { marketRoutes } from '../../market/routes.js';
import { fundingRoutes } from '../../funding/routes.js';
import { todoRoutes } from '../../todo/routes.js';
import { referenceRoutes } from '../../reference/routes.js';
import { userRoutes } from '../../users/routes.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { errorHandler } from './errors.js';
import { healthRoutes } from './health.js';
import type { Api } from './types.js';

z.config(z.locales.zhCN());

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Misplaced: it belongs inside `access` (the app refuses to start with it here). */
    auditDeniedReads?: never;
  }
  interface FastifyRequest {
    principal: Principal | null;
    actor: Actor;
  }
  interface FastifyInstance {
    deps: AppDeps;
    routeTable: RouteEntry[];
  }
}

export interface AppDeps {
  database: Database;
  config: Config;
  auth: AuthSettings;
  version: string;
  /** The durable job queue, when this process runs one (serve with JOBS on); absent in most tests. */
  queue?: Queue;
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}

export type App = FastifyInstance;


const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The Content-Security-Policy of every response (docs/security.md): only the platform's own scripts (no
 * inline script, no event-handler attributes, no remote origin), no plugins, no framing, forms and <base>
 * only to this origin. Styles allow 'unsafe-inline' because antd writes its CSS-in-JS into <style>
 * elements at run time (and Swagger UI sets style attributes); a style cannot run script. Images may be
 * data: URLs (icons in antd and Swagger UI). No upgrade-insecure-requests: a plain-HTTP install on an
 * intranet must still load its own files; TLS installs get HSTS instead.
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

/**
 * Security headers through @fastify/helmet on every response (API, web app, downloads, /api/docs, errors,
 * 404s): the CSP above, nosniff, Referrer-Policy same-origin, X-Frame-Options DENY, and the cross-origin
 * isolation headers helmet sets by default. HSTS only on requests that came over TLS (req.protocol is
 * 'https': the socket is TLS, or TRUST_PROXY is on and the proxy said X-Forwarded-Proto: https), so a
 * plain-HTTP intranet install never pins itself to HTTPS. Every /api answer is `Cache-Control: no-store`
 * (enterprise figures, bank accounts, personal data, downloads): the one rule, no per-route exceptions;
 * only Swagger UI's static files under /api/docs keep their own caching.
 */
async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (req, reply) => {
    if (req.protocol === 'https') reply.helmet({ strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true } });
  });
  app.addHook('onSend', async (req, reply) => {
    // The matched route decides (the router decodes %xx: '/%61pi/orgs' is '/api/orgs'); unmatched URLs by their path.
    const url = req.routeOptions.url ?? req.url;
    if ((url.startsWith('/api') || req.url.startsWith('/api')) && !url.startsWith('/api/docs/static/')) reply.header('cache-control', 'no-store');
  });
}

function clientIp(req: FastifyRequest): string | null {
  return req.ip ?? null;
}

/** The error code and field of a refusal's JSON body ({ error: { code, field } }); never its message. */
function refusalOf(payload: unknown): { code: string | null; field: string | null } {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return { code: null, field: null };
  try {
    const e = (JSON.parse(String(payload)) as { error?: { code?: unknown; field?: unknown } }).error;
    return { code: typeof e?.code === 'string' ? e.code : null, field: typeof e?.field === 'string' ? e.field : null };
  } catch {
    return { code: null, field: null };
  }
}

export async function buildApp(deps: AppDeps, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false || deps.config.LOG_LEVEL === 'silent' ? false : { level: deps.config.LOG_LEVEL },
    trustProxy: deps.config.TRUST_PROXY,
    bodyLimit: 2 * 1024 * 1024,
    // Node's default (16 KiB) counts the request line: a market search's q of 2000 Chinese characters is 18 KB encoded.
    http: { maxHeaderSize: 32 * 1024 },
  });
  app.decorate('deps', deps);
  app.decorate('routeTable', [] as RouteEntry[]);
  app.decorateRequest('principal', null);
  app.decorateRequest('actor', null as unknown as Actor);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  // Every API route must say who may call it.
  // Every route says who may call it: API routes must declare it (the app refuses
  // to start otherwise); everything else (the web app's files) is public.
  app.addHook('onRoute', (route) => {
    route.config ??= {};
    const api = route.url.startsWith('/api');
    if (!api || route.url.startsWith('/api/docs')) route.config.access ??= { kind: 'public' };
    if (!route.config.access) throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
    // auditDeniedReads belongs inside access; beside it, it was silently ignored.
    if ('auditDeniedReads' in route.config) throw new Error(`Route ${String(route.method)} ${route.url}: auditDeniedReads must be inside config.access`);
    if (!api) return;
    for (const m of [route.method].flat()) {
      if (m === 'HEAD') continue;
      app.routeTable.push({ method: m, url: route.url, access: route.config.access });
    }
  });

  await securityHeaders(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: '苏创荟 API', description: '苏州科技创新和产业创新融合发展政策平台', version: deps.version },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (req, reply) => {
    req.actor = { userId: null, label: 'anonymous', ip: clientIp(req) };
    // Decide on the matched route, never on the raw URL: the router decodes %xx and
    // accepts absolute-form targets, so '/%61pi/users' is the '/api/users' route.
    const access = req.routeOptions.config?.access;
    if (!access) return; // no route matched: the not-found handler answers, and touches no data
    if (access.kind === 'public') return;
    const db = deps.database.db;
    let principal: Principal | null = null;
    const authz = req.headers.authorization;
    if (authz?.startsWith('Bearer ')) {
      principal = await resolveApiToken(db, authz.slice(7).trim());
      if (!principal) {
        return reply.code(401).send({ error: { code: 'BAD_TOKEN', message: 'API 令牌无效、已过期或已撤销', field: 'authorization' } });
      }
    } else {
      const secret = req.cookies[SESSION_COOKIE];
      if (secret) principal = await resolveSession(db, secret);
    }
    req.principal = principal;
    if (principal) req.actor = { userId: principal.user.id, label: principal.user.username, ip: clientIp(req) };

    const d = decide(access, principal?.user ?? null, req.params as Record<string, unknown>);
    if (!d.ok) {
      // Recorded (for signed-in users) by the onSend refusal rule below, like every refusal.
      return reply.code(d.status).send({ error: { code: d.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', message: d.message } });
    }
    // Cookie-authenticated writes must carry the session's CSRF token.
    if (principal?.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !principal.csrfToken || !safeEqual(sent, principal.csrfToken)) {
        return reply.code(403).send({ error: { code: 'CSRF', message: '缺少或错误的 CSRF 令牌（请求头 x-csrf-token）', field: CSRF_HEADER } });
      }
    }
  });

  // One rule records refusals, for every route: a signed-in principal's refused write
  // (any 4xx: access, CSRF, schema validation, a service's AppError), a refused read
  // of a route marked sensitive (access.auditDeniedReads, any 4xx), and any 401/403,
  // appends one 'denied' record unless the service already recorded this refusal
  // itself (audit.ts refusalRecorded()). It records the route, params, status, error
  // code and refused field, never the body or the message (they may quote submitted
  // secrets such as passwords or bank accounts). Anonymous refusals are not recorded:
  // they would let anyone flood the trail without credentials.
  app.addHook('onSend', async (req, reply, payload) => {
    const status = reply.statusCode;
    if (status < 400 || status >= 500 || !req.principal) return payload;
    const access = req.routeOptions.config?.access;
    if (!access || access.kind === 'public' || refusalRecorded(req.actor)) return payload;
    const write = !SAFE_METHODS.has(req.method);
    const sensitive = access.auditDeniedReads;
    if (!write && !sensitive && status !== 401 && status !== 403) return payload;
    const refused = refusalOf(payload);
    try {
      await appendAudit(deps.database.db, req.actor, {
        action: !write && sensitive ? sensitive : `${req.method} ${req.routeOptions.url}`,
        objectType: 'route',
        objectId: null,
        result: 'denied',
        detail: { status, route: req.routeOptions.url, params: req.params ?? {}, code: refused.code, field: refused.field },
      });
    } catch (e) {
      // The request is refused either way; a trail that cannot be written is the operator's alarm.
      req.log.error({ err: e }, 'could not record a refused request in the audit trail');
    }
    return payload;
  });

  await app.register(async (api) => {
    const typed = api.withTypeProvider<ZodTypeProvider>() as Api;
    healthRoutes(typed);
    authRoutes(typed);
    referenceRoutes(typed);
    orgRoutes(typed);
    policyRoutes(typed);
    policyLibraryRoutes(typed);
    runRoutes(typed);
    catalogueRoutes(typed);
    indexRoutes(typed);
    flagRoutes(typed);
    marketRoutes(typed);
    fundingRoutes(typed);
    todoRoutes(typed);
    userRoutes(typed);
    auditRoutes(typed);
    scheduleRoutes(typed);
    notificationRoutes(typed);
    typed.get('/api/openapi.json', { config: { access: { kind: 'public' } }, schema: { hide: true } }, async () => api.swagger());
  });

  // The built web app, with client-side routing.
  const webDist = deps.config.webDist;
  const indexHtml = path.join(webDist, 'index.html');
  if (fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, maxAge: '1h' });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api')) {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `接口 ${req.method} ${req.url.split('?')[0]} 不存在` } });
    }
    // Client-side routes get the app; a missing file (e.g. an asset of an older build) is a plain 404.
    const pathname = req.url.split('?')[0]!;
    if (req.method === 'GET' && fs.existsSync(indexHtml) && !/\.[a-z0-9]+$/i.test(pathname)) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(fs.createReadStream(indexHtml));
    }
    if (fs.existsSync(indexHtml)) return reply.code(404).type('text/plain; charset=utf-8').send('404 Not Found');
    return reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send('<!doctype html><meta charset="utf-8"><p>网页尚未构建：请运行 <code>npm run build:web</code>（npm start 会自动构建）。API 文档见 <a href="/api/docs">/api/docs</a>。</p>');
  });
  return app;
}
