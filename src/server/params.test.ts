import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { STORIES_PARAMS, SEARCH_PARAMS } from './openapi.js';
import { parseParams, parseTime } from './params.js';

const NOW = Date.parse('2017-07-24T12:00:00Z');

describe('parseTime', () => {
  it('reads ISO dates and date-times, with zones, as UTC', () => {
    expect(parseTime('2017-07-23', NOW)).toBe('2017-07-23T00:00:00.000Z');
    expect(parseTime('2017-07-23T10:00:00+04:30', NOW)).toBe('2017-07-23T05:30:00.000Z');
    expect(parseTime('2017-07-23T10:00:00Z', NOW)).toBe('2017-07-23T10:00:00.000Z');
  });

  it('reads spans back from now', () => {
    expect(parseTime('24h', NOW)).toBe('2017-07-23T12:00:00.000Z');
    expect(parseTime('7d', NOW)).toBe('2017-07-17T12:00:00.000Z');
    expect(parseTime('90m', NOW)).toBe('2017-07-24T10:30:00.000Z');
  });

  it('refuses words, impossible dates and loose formats', () => {
    for (const bad of ['yesterday', '2017-13-45', '23/07/2017', '2017-07-23T25:00:00Z', '7 days', '']) expect(parseTime(bad, NOW), bad).toBeNull();
  });
});

describe('parseParams', () => {
  it('applies defaults and converts integers', () => {
    expect(parseParams(STORIES_PARAMS, { limit: '5', outlet: 'tehran' }, 'query')).toEqual({
      limit: 5,
      offset: 0,
      since: undefined,
      until: undefined,
      outlet: 'tehran',
      entity: undefined,
      q: undefined,
      min_size: undefined,
    });
  });

  it('reports every problem at once, each naming its parameter', () => {
    let err: ApiError | null = null;
    try {
      parseParams(STORIES_PARAMS, { limit: 'ten', offset: '-3', min_size: '0', entity: 'a b', since: ['1d', '2d'], colour: 'red' }, 'query');
    } catch (e) {
      err = e as ApiError;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect(err!.status).toBe(400);
    expect(Object.fromEntries(err!.details!.map((d) => [d.param, d.message]))).toEqual({
      colour: 'unknown query parameter (accepted: limit, offset, since, until, outlet, entity, q, min_size)',
      limit: 'must be a whole number, got "ten"',
      offset: 'must be at least 0, got -3',
      min_size: 'must be at least 1, got 0',
      entity: 'must be an id of 1-128 letters, digits or . _ : -, got "a b"',
      since: 'given more than once',
    });
  });

  it('treats an empty value as absent, but a required one as missing', () => {
    expect(parseParams(STORIES_PARAMS, { q: '' }, 'query').q).toBeUndefined();
    expect(() => parseParams(SEARCH_PARAMS, { q: '' }, 'query')).toThrow(/q is required/);
  });

  it('ignores unknown parameters only when asked (HTML pages)', () => {
    expect(parseParams(STORIES_PARAMS, { utm_source: 'x' }, 'query', { allowUnknown: true }).limit).toBe(20);
  });

  it('checks ids against the id pattern', () => {
    expect(() => parseParams({ id: { kind: 'id', in: 'path', required: true, description: 'id' } }, { id: 'a/b' }, 'path')).toThrow(
      'id must be an id of 1-128 letters, digits or . _ : -, got "a/b"',
    );
  });

  it('refuses control characters and over-long strings', () => {
    expect(() => parseParams(SEARCH_PARAMS, { q: 'a\u0000b' }, 'query')).toThrow(/control characters/);
    expect(() => parseParams(SEARCH_PARAMS, { q: 'é'.repeat(501) }, 'query')).toThrow(/at most 500 characters, got 501/);
  });
});
