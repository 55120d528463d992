/**
 * The tenant's support set-up, with a secret key holding `chat:agent`: its support tier and
 * hours (what the widget promises and when someone is there), whether anonymous visitors may
 * chat, and the knowledge-base articles the widget suggests while a customer types.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  articleInputSchema,
  articleSchema,
  MAX_ARTICLES,
  supportSettingsSchema,
} from '../../contracts/chat.js';
import { idSchema } from '../../contracts/primitives.js';
import { replaceTenantDocument } from '../audit/replace-document.js';
import { sha256Hex } from '../auth/credentials.js';
import { Problem } from '../errors.js';
import { actorOf, requireSecret, tenantOf } from '../middleware/authenticate/index.js';
import { defineModule } from '../module.js';
import { bearer, conflict, json, jsonBody, problems } from '../openapi.js';
import { router } from '../router.js';
import type { ArticleRecord } from '../store/ports/chat.js';
import { supportSettings } from './routes.js';

const tags = ['Support chat: set-up'];
const admin = requireSecret('chat:agent');
const slugParam = z.object({ slug: idSchema });

const getSettings = createRoute({
  method: 'get',
  path: '/settings',
  tags,
  security: bearer,
  middleware: [admin] as const,
  responses: {
    200: json(supportSettingsSchema, 'The support settings (the defaults until set)'),
    ...problems,
  },
});

const putSettings = createRoute({
  method: 'put',
  path: '/settings',
  tags,
  security: bearer,
  middleware: [admin] as const,
  request: { body: jsonBody(supportSettingsSchema) },
  responses: { 200: json(supportSettingsSchema, 'Stored'), ...problems },
});

const listArticles = createRoute({
  method: 'get',
  path: '/articles',
  tags,
  security: bearer,
  middleware: [admin] as const,
  responses: {
    200: json(z.object({ items: z.array(articleSchema) }), 'Every article, by slug'),
    ...problems,
  },
});

const getArticle = createRoute({
  method: 'get',
  path: '/articles/{slug}',
  tags,
  security: bearer,
  middleware: [admin] as const,
  request: { params: slugParam },
  responses: { 200: json(articleSchema, 'The article'), ...problems },
});

const putArticle = createRoute({
  method: 'put',
  path: '/articles/{slug}',
  tags,
  security: bearer,
  middleware: [admin] as const,
  request: { params: slugParam, body: jsonBody(articleInputSchema) },
  responses: {
    200: json(articleSchema, 'Stored (created or replaced)'),
    409: conflict,
    ...problems,
  },
});

const deleteArticle = createRoute({
  method: 'delete',
  path: '/articles/{slug}',
  tags,
  security: bearer,
  middleware: [admin] as const,
  request: { params: slugParam },
  responses: { 204: { description: 'Deleted' }, ...problems },
});

const view = (a: ArticleRecord) => ({
  slug: a.slug,
  title: a.title,
  body: a.body,
  tags: a.tags,
  url: a.url,
  updatedAt: a.updatedAt,
});

export const supportModule = defineModule({
  prefix: '/v1/support',
  embeddable: false,
  cors: 'none',
  routes: () =>
    router()
      .openapi(getSettings, async (c) =>
        c.json(await supportSettings(c.get('deps').store, tenantOf(c).id), 200),
      )
      .openapi(putSettings, async (c) => {
        const settings = c.req.valid('json');
        await replaceTenantDocument(c.get('deps').store, {
          tenantId: tenantOf(c).id,
          kind: 'chat-support',
          json: JSON.stringify(settings),
          actor: actorOf(c),
          action: 'chat-support.update',
        });
        return c.json(settings, 200);
      })
      .openapi(listArticles, async (c) => {
        const items = await c.get('deps').store.listArticles(tenantOf(c).id);
        return c.json({ items: items.map(view) }, 200);
      })
      .openapi(getArticle, async (c) => {
        const article = await c
          .get('deps')
          .store.getArticle(tenantOf(c).id, c.req.valid('param').slug);
        if (!article) throw new Problem(404, 'not-found', 'No such article.');
        return c.json(view(article), 200);
      })
      .openapi(putArticle, async (c) => {
        const tenantId = tenantOf(c).id;
        const { slug } = c.req.valid('param');
        const input = c.req.valid('json');
        const article: ArticleRecord = {
          tenantId,
          slug,
          title: input.title,
          body: input.body,
          tags: input.tags,
          url: input.url ?? null,
          updatedAt: c.get('deps').clock.now(),
        };
        const stored = await c.get('deps').store.putArticle(article, MAX_ARTICLES, {
          tenantId,
          actor: actorOf(c),
          action: 'chat-article.put',
          target: slug,
          beforeHash: null,
          afterHash: await sha256Hex(JSON.stringify(input)),
        });
        if (!stored)
          throw new Problem(
            409,
            'too-many-articles',
            `A tenant keeps at most ${MAX_ARTICLES} articles.`,
          );
        return c.json(view(article), 200);
      })
      .openapi(deleteArticle, async (c) => {
        const tenantId = tenantOf(c).id;
        const { slug } = c.req.valid('param');
        const deleted = await c.get('deps').store.deleteArticle(tenantId, slug, {
          tenantId,
          actor: actorOf(c),
          action: 'chat-article.delete',
          target: slug,
          beforeHash: null,
          afterHash: null,
        });
        if (!deleted) throw new Problem(404, 'not-found', 'No such article.');
        return c.body(null, 204);
      }),
});
