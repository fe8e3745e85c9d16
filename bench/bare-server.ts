/** A bare Fastify server with one trivial route: the baseline for bench/http.ts. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/api/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`bare listening ${(app.server.address() as { port: number }).port}`);
