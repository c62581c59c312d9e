import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { binaryReason, charsetFromContentType, decodeBytes, declaredCharset, normalizeCharset } from './charset.js';

const FIX = fileURLToPath(new URL('../../test/fixtures/ingest/', import.meta.url));

// Real Wikinews texts (CC BY 2.5) from the fixtures.
const feed = JSON.parse(readFileSync(`${FIX}feed.json`, 'utf8')) as { items: { content_text?: string }[] };
/** M0051: Bío Bío, Sebastián Piñera, Chillán, Constitución … */
const CHILE = feed.items[1].content_text!;
/** M0081: "€12 million", "30–40 days". */
const AIRBUS = /Airbus have announced[^<]*/.exec(readFileSync(`${FIX}rdf.xml`, 'utf8'))![0] + ' ' + /Investigators have already[^<]*/.exec(readFileSync(`${FIX}rdf.xml`, 'utf8'))![0];
/** M0004: Drăguşin, Geoană, Băsescu, Tăriceanu. */
const ROMANIA = readFileSync(`${FIX}wikinews-romania.txt`, 'utf8');
const MOJIBAKE = /Ã|â€|Â|\ufffd/;

describe('decodeBytes', () => {
  it('follows a byte-order mark (UTF-8, UTF-16 LE and BE) over any label', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CHILE)]);
    expect(decodeBytes(utf8, { contentType: 'text/plain; charset=windows-1252' })).toMatchObject({ text: CHILE, source: 'bom' });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(CHILE, 'utf-16le')]);
    expect(decodeBytes(le)).toMatchObject({ text: CHILE, encoding: 'utf-16le', source: 'bom' });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(CHILE, 'utf-16be')]);
    expect(decodeBytes(be)).toMatchObject({ text: CHILE, encoding: 'utf-16be', source: 'bom' });
  });

  it('recognises UTF-16 without a BOM by its zero bytes', () => {
    expect(decodeBytes(iconv.encode(CHILE, 'utf-16le'))).toMatchObject({ text: CHILE, source: 'utf16-pattern' });
    expect(decodeBytes(iconv.encode(CHILE, 'utf-16be'))).toMatchObject({ text: CHILE, source: 'utf16-pattern' });
  });

  it('uses the HTTP charset before the document declaration', () => {
    const html = `<html><head><meta charset="utf-8"></head><body><p>${AIRBUS}</p></body></html>`;
    const d = decodeBytes(iconv.encode(html, 'windows-1252'), { contentType: 'text/html; charset=Windows-1252' });
    expect(d.source).toBe('http');
    expect(d.text).toContain('€12 million');
    expect(d.text).toContain('30–40 days');
  });

  it('maps ISO-8859-1 to windows-1252 as browsers do, so € and dashes survive a Latin-1 label', () => {
    const html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body><p>${AIRBUS}</p></body></html>`;
    const d = decodeBytes(iconv.encode(html, 'windows-1252'));
    expect(d).toMatchObject({ encoding: 'windows-1252', source: 'declared' });
    expect(d.text).toContain('€20 million');
    expect(d.text).not.toMatch(MOJIBAKE);
  });

  it('reads an ISO-8859-2 page declared in <meta charset>', () => {
    const html = `<!DOCTYPE html><html><head><meta charset="iso-8859-2"><title>x</title></head><body><pre>${ROMANIA}</pre></body></html>`;
    const d = decodeBytes(iconv.encode(html, 'iso-8859-2'));
    expect(d.encoding).toBe('iso-8859-2');
    expect(d.text).toContain('Nicoleta Drăguşin');
    expect(d.text).toContain('Traian Băsescu');
  });

  it('reads the XML declaration of a feed (ISO-8859-15 has the euro sign at 0xA4)', () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-15"?>\n<rss version="2.0"><channel><item><description>${AIRBUS.replace('–', '-')}</description></item></channel></rss>`;
    const d = decodeBytes(iconv.encode(xml, 'iso-8859-15'));
    expect(d).toMatchObject({ encoding: 'iso-8859-15', source: 'declared' });
    expect(d.text).toContain('€12 million');
  });

  it('takes valid UTF-8 as UTF-8 when nothing is declared', () => {
    expect(decodeBytes(Buffer.from(ROMANIA))).toMatchObject({ text: ROMANIA, encoding: 'utf-8', source: 'utf8' });
  });

  it('detects an undeclared windows-1252 text without mojibake', () => {
    const text = `${CHILE}\n\n${AIRBUS}`;
    const d = decodeBytes(iconv.encode(text, 'windows-1252'));
    expect(d.source).toBe('detected');
    expect(d.text).toBe(text);
  });

  it('treats a UTF-8 label on non-UTF-8 bytes as a mislabel and detects instead', () => {
    const html = `<html><head><meta charset="utf-8"></head><body><p>${CHILE}</p></body></html>`;
    const d = decodeBytes(iconv.encode(html, 'windows-1252'));
    expect(d.source).toBe('detected');
    expect(d.text).toContain('Sebastián Piñera');
    expect(d.text).not.toMatch(MOJIBAKE);
  });
});

describe('charset labels', () => {
  it('parses Content-Type parameters and in-document declarations', () => {
    expect(charsetFromContentType('text/html; charset="ISO-8859-1"')).toBe('ISO-8859-1');
    expect(charsetFromContentType('application/rss+xml')).toBeNull();
    expect(declaredCharset(Buffer.from('<?xml version="1.0" encoding=\'windows-1251\'?><rss/>'))).toBe('windows-1251');
    expect(declaredCharset(Buffer.from('<html><head><meta http-equiv="content-type" content="text/html;charset=koi8-r">'))).toBe('koi8-r');
    expect(normalizeCharset('latin1')).toBe('windows-1252');
    expect(normalizeCharset('US-ASCII')).toBe('windows-1252');
    expect(normalizeCharset('no-such-charset')).toBeNull();
  });
});

describe('binaryReason', () => {
  it('names binary formats by their magic numbers', () => {
    expect(binaryReason(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toMatch(/PNG image/);
    expect(binaryReason(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toMatch(/PDF/);
    expect(binaryReason(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]))).toMatch(/gzip/);
  });

  it('refuses bytes with NULs or mostly control codes, and accepts every kind of text', () => {
    const noise = Buffer.alloc(4096);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 256;
    expect(binaryReason(noise)).toMatch(/NUL bytes/);
    expect(binaryReason(Buffer.from(CHILE))).toBeNull();
    expect(binaryReason(iconv.encode(CHILE, 'windows-1252'))).toBeNull();
    expect(binaryReason(iconv.encode(CHILE, 'utf-16le'))).toBeNull();
  });
});
