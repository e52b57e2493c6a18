import { describe, expect, it } from 'vitest';
import { formatDanishDate, formatDanishDateTime, formatDanishNumber } from '../../model/format.ts';
import { newNodeTitleDa } from '../../model/grammar.ts';

describe('Danish words and dates', () => {
  it('titles a new card in the kind\'s gender', () => {
    expect(['aktivitet', 'output', 'resultat', 'effekt', 'maal', 'indikator'].map((k) => newNodeTitleDa(k as never))).toEqual([
      'Ny aktivitet', 'Nyt output', 'Nyt resultat', 'Ny effekt', 'Nyt mål', 'Ny indikator',
    ]);
  });
  it('writes dates as 23.11.2026 and numbers as 1.234,5', () => {
    expect(formatDanishDate('2026-11-23')).toBe('23.11.2026');
    expect(formatDanishDate(new Date(2026, 0, 5))).toBe('05.01.2026');
    expect(formatDanishDateTime(new Date(2026, 10, 23, 14, 5))).toBe('23.11.2026 kl. 14.05');
    expect(formatDanishDate('ikke en dato')).toBe('ikke en dato');
    expect(formatDanishNumber(1234.5)).toBe('1.234,5');
  });
});

describe('counts in the right number', () => {
  it('says "1 indikator" and "2 indikatorer", "1 stemme" and "0 stemmer", in Danish and English', async () => {
    const { countOf } = await import('../../model/format.ts');
    expect(countOf(1, 'indikator', 'indikatorer')).toBe('1 indikator');
    expect(countOf(2, 'indikator', 'indikatorer')).toBe('2 indikatorer');
    expect(countOf(0, 'stemme', 'stemmer')).toBe('0 stemmer');
    expect(countOf(1200, 'stemme', 'stemmer')).toBe('1.200 stemmer');
    expect(countOf(1, 'dot', 'dots', 'en')).toBe('1 dot');
    expect(countOf(3, 'dot', 'dots', 'en')).toBe('3 dots');
  });
});

describe('the year Opfølgning opens on', () => {
  it('is this year inside the plan period, else the period\'s first year, else this year', async () => {
    const { defaultFollowUpYear } = await import('../../model/status.ts');
    const now = new Date(2026, 11, 3);
    expect(defaultFollowUpYear({ from: 2013, to: 2016 }, now)).toBe(2013);
    expect(defaultFollowUpYear({ from: 2025, to: 2028 }, now)).toBe(2026);
    expect(defaultFollowUpYear({ from: 2027, to: 2030 }, now)).toBe(2027);
    expect(defaultFollowUpYear(undefined, now)).toBe(2026);
  });
});

describe('version names', () => {
  it('shows an automatic version in English in the English UI, a named one as it was written', async () => {
    const { AUTO_VERSION_NAMES, versionLabel } = await import('../../model/protocol.ts');
    for (const names of Object.values(AUTO_VERSION_NAMES)) {
      expect(versionLabel({ name: names.da, createdBy: 'automatisk' }, 'en')).toEqual({ name: names.en, by: 'automatic' });
      expect(versionLabel({ name: names.da, createdBy: 'automatisk' }, 'da').name).toBe(names.da);
      expect(names.en).not.toMatch(/[æøå]|Automatisk|før/);
    }
    expect(versionLabel({ name: 'Efter workshop 1', createdBy: 'Fie' }, 'en')).toEqual({ name: 'Efter workshop 1', by: 'Fie' });
  });
});
