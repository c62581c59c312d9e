import { afterEach, describe, expect, it } from 'vitest';
import { parseDateMs, toIsoUtc } from './dates.js';

const NOW = Date.UTC(2024, 0, 1);
const iso = (v: unknown): string | null => toIsoUtc(v, { now: NOW });

describe('toIsoUtc', () => {
  it('reads ISO-8601 with every zone form (JSON-LD, Atom, OpenGraph)', () => {
    expect(iso('2010-02-27T14:05:00-03:00')).toBe('2010-02-27T17:05:00.000Z');
    expect(iso('2017-07-23T10:00:00+0430')).toBe('2017-07-23T05:30:00.000Z');
    expect(iso('2017-07-23T10:00:00Z')).toBe('2017-07-23T10:00:00.000Z');
    expect(iso('2017-07-23T10:00:00.123456+05:30')).toBe('2017-07-23T04:30:00.123Z');
    expect(iso('20170723T100000Z')).toBe('2017-07-23T10:00:00.000Z');
  });

  it('takes zone-less times as UTC and dates as midnight UTC (news-please, interchange)', () => {
    expect(iso('2007-03-23 14:30:00')).toBe('2007-03-23T14:30:00.000Z');
    expect(iso('2013-06-07')).toBe('2013-06-07T00:00:00.000Z');
  });

  it('reads RFC 822 dates as RSS gives them, honouring numeric and named zones', () => {
    expect(iso('Mon, 01 Jun 2009 14:20:00 +0200')).toBe('2009-06-01T12:20:00.000Z');
    expect(iso('Tue, 02 Jun 2009 09:45:00 EDT')).toBe('2009-06-02T13:45:00.000Z');
    expect(iso('Tue, 02 Jun 2009 21:10:00 GMT')).toBe('2009-06-02T21:10:00.000Z');
    expect(iso('Sun, 23 Jul 2017 10:00:00 CET')).toBe('2017-07-23T09:00:00.000Z');
    // RFC 2822 §4.3 two-digit years.
    expect(iso('Sun, 23 Jul 17 10:00:00 GMT')).toBe('2017-07-23T10:00:00.000Z');
    expect(iso('Sat, 1 Jan 99 00:00:00 GMT')).toBe('1999-01-01T00:00:00.000Z');
  });

  it('reads textual dates (the Wikinews date line, bylines)', () => {
    expect(iso('Saturday, February 27, 2010')).toBe('2010-02-27T00:00:00.000Z');
    expect(iso('January 8th, 2005 at 3:15 pm')).toBe('2005-01-08T15:15:00.000Z');
    expect(iso('23 July 2017 10:00 AM EDT')).toBe('2017-07-23T14:00:00.000Z');
    expect(iso('Jul. 23, 2017, 10:05 a.m. ET')).toBe('2017-07-23T15:05:00.000Z');
    expect(iso('GMT+3 23 Jul 2017 10:00')).toBe('2017-07-23T07:00:00.000Z');
  });

  it('orders numeric day and month only when it can tell, and refuses to guess otherwise', () => {
    expect(iso('23.07.2017')).toBe('2017-07-23T00:00:00.000Z');
    expect(iso('07/23/2017')).toBe('2017-07-23T00:00:00.000Z');
    expect(iso('23/07/2017')).toBe('2017-07-23T00:00:00.000Z');
    expect(iso('23-07-2017 10:00')).toBe('2017-07-23T10:00:00.000Z');
    expect(iso('2017/07/23')).toBe('2017-07-23T00:00:00.000Z');
    expect(iso('03/04/2017')).toBeNull();
  });

  it('reads epoch seconds and milliseconds', () => {
    expect(iso(1500000000)).toBe('2017-07-14T02:40:00.000Z');
    expect(iso('1500000000000')).toBe('2017-07-14T02:40:00.000Z');
  });

  it('rejects prose, impossible dates and implausible times', () => {
    expect(iso('Iran, Iraq sign MoU to boost defense ties')).toBeNull();
    expect(iso('February 30, 2010')).toBeNull();
    expect(iso('2010-13-01')).toBeNull();
    expect(iso('1850-01-01')).toBeNull();
    expect(iso('2030-01-01')).toBeNull();
    expect(iso('')).toBeNull();
    expect(iso(null)).toBeNull();
    expect(iso({})).toBeNull();
  });
});

describe('parseDateMs does not depend on the machine time zone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
  it('gives the same instant in Tehran and in Los Angeles', () => {
    const inputs = ['July 23, 2017 10:00 AM', '23.07.2017', 'Sun, 23 Jul 2017 10:00:00', '2017-07-23 10:00'];
    process.env.TZ = 'Asia/Tehran';
    const tehran = inputs.map(parseDateMs);
    process.env.TZ = 'America/Los_Angeles';
    const la = inputs.map(parseDateMs);
    expect(la).toEqual(tehran);
    expect(tehran[0]).toBe(Date.UTC(2017, 6, 23, 10));
  });
});
