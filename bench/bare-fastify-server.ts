/**
 * The framework's floor: Fastify alone (the version Nest's adapter runs) answering the
 * submission's path with the same shape of 201, parsing the JSON body but with no Nest pipeline,
 * guard, JWT check, validation or logging. The no-op route as a share of this is the tax of
 * everything Nest and our stack add before a handler runs.
 */
import Fastify from 'fastify';

async function main() {
  const app = Fastify({ logger: false });
  app.put<{ Params: { id: string; agencyId: string }; Body: { rating?: string } }>('/v1/campaigns/:id/evaluations/:agencyId', async (request, reply) => {
    reply.code(201);
    return { campaignId: request.params.id, agencyId: request.params.agencyId, rating: request.body?.rating, outcome: 'noop' };
  });
  app.get('/v1/health', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

void main();
