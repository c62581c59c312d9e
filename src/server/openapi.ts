/**
 * The API's parameter specs and its OpenAPI 3.1 description. The route handlers validate with
 * the very specs listed here (see params.ts), so `/api/openapi.json` is exact by construction;
 * a test checks that every API route the server registers is described.
 */
import type { ParamSpecs } from './params.js';

const limit = (def: number) => ({ kind: 'integer', in: 'query', description: 'Page size.', min: 1, max: 100, default: def }) as const;
const offset = { kind: 'integer', in: 'query', description: 'Number of results to skip.', min: 0, max: 1_000_000, default: 0 } as const;
const idPath = (what: string) => ({ kind: 'id', in: 'path', required: true, description: `${what} id.` }) as const;

export const STORIES_PARAMS = {
  limit: limit(20),
  offset,
  since: { kind: 'time', in: 'query', description: 'Only stories with an article at or after this time: ISO date/time, or a span back from now (24h, 7d).', example: '7d' },
  until: { kind: 'time', in: 'query', description: 'Only stories that began before this time (ISO date/time or span).', example: '2017-08-01' },
  outlet: { kind: 'string', in: 'query', description: 'Only stories with an article from this outlet (name or domain, case-insensitive substring).', maxLength: 200, example: 'tehran' },
  entity: { kind: 'id', in: 'query', description: 'Only stories mentioning this entity (an entity id, as in a story\'s `entities`).' },
  q: { kind: 'string', in: 'query', description: 'Full-text query: stories with an article containing every word.', maxLength: 500, example: 'defense agreement' },
  min_size: { kind: 'integer', in: 'query', description: 'Only stories with at least this many articles.', min: 1, max: 1_000_000 },
} satisfies ParamSpecs;

export const STORY_PARAMS = {
  id: idPath('Story'),
  words: { kind: 'integer', in: 'query', description: 'Length of the brief in words (default 100).', min: 10, max: 1000 },
  focus: { kind: 'string', in: 'query', description: 'Bias the brief toward this question.', maxLength: 500 },
  since: { kind: 'time', in: 'query', description: 'Write the brief as an update: what the story added after this time.' },
} satisfies ParamSpecs;

export const ID_PARAMS = { id: idPath('The') } satisfies ParamSpecs;

/** Entity ids are the store's (old ids of merged entities redirect to the survivor). */
export const ENTITY_PARAMS = { id: idPath('Entity') } satisfies ParamSpecs;

export const SEARCH_PARAMS = {
  q: { kind: 'string', in: 'query', required: true, description: 'Words to find in headlines and article text (all must match).', maxLength: 500, example: 'Mosul' },
  limit: limit(20),
  offset,
} satisfies ParamSpecs;

/** Front page (HTML): the story filters, with a page size suited to a grid. */
export const FRONT_PARAMS = { ...STORIES_PARAMS, limit: limit(24) } satisfies ParamSpecs;

/** Largest accepted request body for POST /api/articles. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Most articles accepted in one POST. */
export const MAX_POST_ARTICLES = 1000;

function parameters(specs: ParamSpecs, idName?: string): unknown[] {
  return Object.entries(specs).map(([name, s]) => ({
    name,
    in: s.in,
    required: s.in === 'path' || !!s.required,
    description: s.description,
    schema: {
      type: s.kind === 'integer' ? 'integer' : 'string',
      ...(s.kind === 'time' ? { format: 'date-time-or-span' } : {}),
      ...(s.kind === 'id' ? { pattern: '^[A-Za-z0-9._:-]{1,128}$' } : {}),
      ...(s.min !== undefined ? { minimum: s.min } : {}),
      ...(s.max !== undefined ? { maximum: s.max } : {}),
      ...(s.kind === 'string' ? { maxLength: s.maxLength ?? 200 } : {}),
      ...(s.default !== undefined ? { default: s.default } : {}),
    },
    ...(s.example !== undefined ? { example: s.example } : {}),
    ...(idName && s.in === 'path' ? { description: `${idName} id.` } : {}),
  }));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      json(ref('Error'), {
        400: 'A parameter or the body is invalid; `details` names each problem.',
        401: 'No valid bearer token (or writes are disabled because the server has no token).',
        404: 'No such record.',
        413: 'The body is larger than the limit.',
        415: 'The body is not JSON.',
        422: 'None of the submitted articles could be read.',
        501: 'The module behind this endpoint is not part of this build.',
      }[c] ?? 'Error.'),
    ]),
  );
const etag = { '304': { description: 'Not modified (the `If-None-Match` ETag is current).' } };

const str = { type: 'string' };
const nstr = { type: ['string', 'null'] };
const time = { type: ['string', 'null'], format: 'date-time' };

/** Build the OpenAPI document. */
export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parallax API',
      version,
      description:
        'News stories grouped from many outlets, with cited briefs, entities, comparison and provenance. Read endpoints send an ETag and answer `If-None-Match` with 304. Errors always have the `Error` shape. Writes need `Authorization: Bearer <PARALLAX_TOKEN>`.',
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/stories': {
        get: {
          summary: 'List stories, newest first (then larger first)',
          parameters: parameters(STORIES_PARAMS),
          responses: { '200': json(ref('StoryPage'), 'A page of stories.'), ...etag, ...errors(400, 404, 501) },
        },
      },
      '/api/stories/{id}': {
        get: {
          summary: 'One story: members, brief, entities, comparison, provenance, timeline',
          description: 'Sections computed by optional modules (`brief`, `entities`, `comparison`) are present only when the module is part of this build.',
          parameters: parameters(STORY_PARAMS, 'Story'),
          responses: { '200': json(ref('StoryDetail'), 'The story.'), ...etag, ...errors(400, 404) },
        },
      },
      '/api/articles/{id}': {
        get: {
          summary: 'One article with its full text, story and text relations',
          parameters: parameters(ID_PARAMS, 'Article'),
          responses: { '200': json(ref('Article'), 'The article.'), ...etag, ...errors(400, 404) },
        },
      },
      '/api/articles': {
        post: {
          summary: 'Ingest articles (JSON in the interchange or news-please format) or a URL to fetch',
          description: `Body: one article object, an array of at most ${MAX_POST_ARTICLES}, \`{"articles": [...]}\`, or \`{"url": "https://…"}\`. URLs on loopback, private or link-local addresses are refused unless the server was started with --allow-private. Body limit ${MAX_BODY_BYTES} bytes.`,
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    ref('ArticleInput'),
                    { type: 'array', items: ref('ArticleInput'), maxItems: MAX_POST_ARTICLES },
                    { type: 'object', required: ['articles'], properties: { articles: { type: 'array', items: ref('ArticleInput'), maxItems: MAX_POST_ARTICLES } } },
                    { type: 'object', required: ['url'], properties: { url: { type: 'string', format: 'uri' } } },
                  ],
                },
              },
            },
          },
          responses: {
            '201': json(ref('IngestResult'), 'At least one article was added.'),
            '200': json(ref('IngestResult'), 'Nothing new: every article was already stored.'),
            ...errors(400, 401, 413, 415, 422),
          },
        },
      },
      '/api/entities/{id}': {
        get: {
          summary: 'One entity with its name variants and stories',
          parameters: parameters(ENTITY_PARAMS),
          responses: { '200': json(ref('Entity'), 'The entity.'), ...etag, ...errors(400, 404, 501) },
        },
      },
      '/api/search': {
        get: {
          summary: 'Full-text search over stories and articles',
          parameters: parameters(SEARCH_PARAMS),
          responses: { '200': json(ref('SearchResult'), 'Matching stories (first 10) and a page of matching articles.'), ...etag, ...errors(400) },
        },
      },
      '/api/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document.' } } },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The value of PARALLAX_TOKEN given to `parallax serve`.' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['status', 'code', 'message'],
              properties: {
                status: { type: 'integer' },
                code: { type: 'string', examples: ['invalid_parameter', 'not_found', 'unauthorized', 'body_too_large', 'not_available', 'method_not_allowed'] },
                message: str,
                details: { type: 'array', items: { type: 'object', properties: { param: str, message: str } } },
              },
            },
          },
        },
        Outlet: { type: 'object', properties: { name: nstr, domain: nstr } },
        StoryListItem: {
          type: 'object',
          properties: {
            id: str,
            headline: str,
            size: { type: 'integer' },
            outlet_count: { type: 'integer' },
            outlets: { type: 'array', items: str },
            first_seen: time,
            last_seen: time,
            url: { type: 'string', description: 'The story page.' },
            api: { type: 'string', description: 'This story in the API.' },
          },
        },
        StoryPage: {
          type: 'object',
          properties: {
            total: { type: 'integer' },
            limit: { type: 'integer' },
            offset: { type: 'integer' },
            items: { type: 'array', items: ref('StoryListItem') },
            next: { ...nstr, description: 'Path of the next page, null on the last.' },
          },
        },
        ArticleSummary: {
          type: 'object',
          properties: {
            id: str,
            headline: nstr,
            headlineDerived: { type: 'boolean' },
            outlet: ref('Outlet'),
            outletLabel: str,
            published: time,
            time: { type: 'string', format: 'date-time', description: 'Published, else ingest time.' },
            url: nstr,
            language: nstr,
            words: { type: 'integer' },
            lead: str,
          },
        },
        Citation: { type: 'object', properties: { articleId: str, outlet: nstr, published: time, sentence: str } },
        Brief: {
          type: 'object',
          properties: {
            headline: str,
            words: { type: 'integer' },
            sentences: { type: 'array', items: { type: 'object', properties: { text: str, articleId: str, citations: { type: 'array', items: ref('Citation') } } } },
          },
        },
        EntitySummary: {
          type: 'object',
          properties: {
            id: str,
            name: str,
            type: { type: 'string', examples: ['person', 'organisation', 'place', 'other'] },
            variants: { type: 'array', items: { type: 'object', properties: { name: str, count: { type: 'integer' } } } },
            roles: { type: 'array', items: str },
            affiliations: { type: 'array', items: str },
            mentions: { type: 'integer' },
            articles: { type: 'integer', description: 'Articles mentioning it (within the story for a story\'s entities).' },
          },
        },
        Entity: { allOf: [ref('EntitySummary'), { type: 'object', properties: { stories: { type: 'array', items: str } } }] },
        Comparison: {
          type: 'object',
          properties: {
            sections: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  kind: { enum: ['scope', 'consensus', 'exclusive', 'echoed', 'disagreements', 'names'] },
                  title: str,
                  note: str,
                  items: { type: 'array', items: { type: 'object', properties: { text: str, outlets: { type: 'array', items: str }, articleIds: { type: 'array', items: str }, note: str } } },
                },
              },
            },
          },
        },
        Provenance: {
          type: 'object',
          description: 'Edges point from the borrowing article to its origin (an earlier article, or a credited source).',
          properties: {
            nodes: {
              type: 'array',
              items: {
                type: 'object',
                properties: { id: str, kind: { enum: ['article', 'source'] }, label: str, articleId: str, time: str, headline: nstr, inStory: { type: 'boolean' }, role: { enum: ['origin', 'copy', 'reuses', 'credits', 'independent'] } },
              },
            },
            edges: {
              type: 'array',
              items: {
                type: 'object',
                properties: { from: str, to: str, kind: { enum: ['copy', 'reuses', 'shares', 'credit', 'licence'] }, score: { type: 'number' }, words: { type: 'integer' }, passages: { type: 'integer' }, text: str },
              },
            },
            summary: { type: 'array', items: str, description: 'One sentence per finding (when the comparison module traced the story).' },
          },
        },
        TimelineRow: {
          type: 'object',
          properties: {
            outlet: str,
            articles: { type: 'array', items: { type: 'object', properties: { id: str, time: str, timeKnown: { type: 'boolean' }, headline: nstr } } },
          },
        },
        StoryDetail: {
          allOf: [
            ref('StoryListItem'),
            {
              type: 'object',
              properties: {
                members: { type: 'array', items: ref('ArticleSummary') },
                by_outlet: { type: 'array', items: { type: 'object', properties: { outlet: str, articles: { type: 'array', items: str } } } },
                brief: ref('Brief'),
                entities: { type: 'array', items: ref('EntitySummary') },
                comparison: ref('Comparison'),
                provenance: ref('Provenance'),
                timeline: { type: 'array', items: ref('TimelineRow') },
                unavailable: { type: 'array', items: { type: 'object', properties: { section: str, reason: str } } },
              },
            },
          ],
        },
        Article: {
          type: 'object',
          properties: {
            id: str,
            externalId: nstr,
            headline: nstr,
            headlineDerived: { type: 'boolean' },
            text: { type: 'string', description: 'Paragraphs separated by a blank line.' },
            url: nstr,
            canonicalUrl: nstr,
            outlet: ref('Outlet'),
            outletLabel: str,
            authors: { type: 'array', items: str },
            published: time,
            language: nstr,
            format: str,
            contentHash: str,
            ingestedAt: str,
            attributions: { type: 'array', items: { type: 'object', properties: { kind: { enum: ['credit', 'dateline', 'licence'] }, source: str, text: str } } },
            story: nstr,
            relations: { type: 'array', items: { type: 'object', properties: { from: str, to: str, kind: { enum: ['copy', 'reuses'] }, score: { type: 'number' } } } },
          },
        },
        ArticleInput: {
          type: 'object',
          description: 'The interchange format ({id,title,text,published,source,url}) or news-please fields (title, maintext, date_publish, source_domain, url, authors, language).',
          properties: { id: str, title: str, text: str, maintext: str, published: str, date_publish: str, source: str, source_domain: str, url: str, authors: { type: 'array', items: str }, language: str },
        },
        IngestResult: {
          type: 'object',
          properties: {
            added: { type: 'array', items: { type: 'object', properties: { input: str, id: str, story: nstr } } },
            duplicates: { type: 'array', items: { type: 'object', properties: { input: str, id: str, by: str } } },
            failed: { type: 'array', items: { type: 'object', properties: { input: str, reason: str } } },
            warnings: {
              type: 'array',
              description: 'Articles stored with a field that could not be read (an unreadable date), one per problem.',
              items: { type: 'object', properties: { input: str, reason: str } },
            },
          },
        },
        SearchResult: {
          type: 'object',
          properties: {
            q: str,
            terms: { type: 'array', items: str },
            stories: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: ref('StoryListItem') } } },
            articles: {
              type: 'object',
              properties: {
                total: { type: 'integer' },
                limit: { type: 'integer' },
                offset: { type: 'integer' },
                next: nstr,
                items: { type: 'array', items: { allOf: [ref('ArticleSummary'), { type: 'object', properties: { story: nstr, snippet: str } }] } },
              },
            },
          },
        },
      },
    },
  };
}
