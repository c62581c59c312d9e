import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectLanguage, LANGUAGE_SAMPLE_CHARS, normalizeLanguageTag } from './language.js';

const SEEDS = fileURLToPath(new URL('../../test/fixtures/seeds/', import.meta.url));

// Article 1 of the Universal Declaration of Human Rights in its official languages (UN, public text).
const UDHR = {
  fr: 'Tous les êtres humains naissent libres et égaux en dignité et en droits. Ils sont doués de raison et de conscience et doivent agir les uns envers les autres dans un esprit de fraternité.',
  es: 'Todos los seres humanos nacen libres e iguales en dignidad y derechos y, dotados como están de razón y conciencia, deben comportarse fraternalmente los unos con los otros.',
  ru: 'Все люди рождаются свободными и равными в своем достоинстве и правах. Они наделены разумом и совестью и должны поступать в отношении друг друга в духе братства.',
  ar: 'يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وقد وهبوا عقلاً وضميرًا وعليهم أن يعامل بعضهم بعضًا بروح الإخاء.',
};

describe('detectLanguage', () => {
  it('identifies both seed reports as English', () => {
    for (const f of ['000_74bfdcc74ec9356c.txt', '004_632889e61b552585.txt']) {
      expect(detectLanguage(readFileSync(SEEDS + f, 'utf8'))).toBe('en');
    }
  });

  it('identifies other scripts and Romance languages', () => {
    for (const [lang, text] of Object.entries(UDHR)) expect(detectLanguage(text)).toBe(lang);
  });

  it('looks only at a bounded prefix: a long English text with a French tail is English', () => {
    const english = readFileSync(SEEDS + '004_632889e61b552585.txt', 'utf8');
    expect(english.length).toBeGreaterThan(LANGUAGE_SAMPLE_CHARS);
    expect(detectLanguage(english + ' ' + UDHR.fr.repeat(20))).toBe('en');
  });

  it('gives null rather than a guess for text without evidence', () => {
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('12:45 — 2017')).toBeNull();
  });
});

describe('normalizeLanguageTag', () => {
  it('keeps the primary subtag in lower case', () => {
    expect(normalizeLanguageTag('en-US')).toBe('en');
    expect(normalizeLanguageTag('pt_BR')).toBe('pt');
    expect(normalizeLanguageTag('EN')).toBe('en');
    expect(normalizeLanguageTag('und')).toBeNull();
    expect(normalizeLanguageTag('x-default')).toBeNull();
    expect(normalizeLanguageTag('English')).toBeNull();
  });
});
