import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDanishDate, formatDanishDateTime, formatDanishNumber, parseDanishNumber } from '../../model/format.ts';
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

describe('Danish numbers: one reader, one writer', () => {
  const read = (text: string) => parseDanishNumber(text);
  it('reads what a Danish reader reads', () => {
    expect(read('1.234')).toEqual({ ok: true, value: 1234 });
    expect(read('1.234,5')).toEqual({ ok: true, value: 1234.5 });
    expect(read('12,5')).toEqual({ ok: true, value: 12.5 });
    expect(read('-3')).toEqual({ ok: true, value: -3 });
    expect(read('−3')).toEqual({ ok: true, value: -3 });
    expect(read('1 234')).toEqual({ ok: true, value: 1234 });
    expect(read('1\u00a0234')).toEqual({ ok: true, value: 1234 });
    expect(read('1\u202f234,5')).toEqual({ ok: true, value: 1234.5 });
    expect(read('12.500')).toEqual({ ok: true, value: 12500 });
    expect(read('1.234.567')).toEqual({ ok: true, value: 1234567 });
    expect(read(' 31 ')).toEqual({ ok: true, value: 31 });
    expect(read('')).toEqual({ ok: true, value: null });
  });
  it('refuses a dot that cannot group thousands, and says how to write it', () => {
    expect(read('12.5')).toEqual({ ok: false, reason: 'Brug komma som decimaltegn: 12,5' });
    expect(read('0.25')).toEqual({ ok: false, reason: 'Brug komma som decimaltegn: 0,25' });
    expect(read('-1.5')).toEqual({ ok: false, reason: 'Brug komma som decimaltegn: -1,5' });
    for (const text of ['abc', '1.23,5', '1.2345', '12 5', '1.234 567', '1,234.5', '12,', ',5', '1e3', '--3']) {
      expect(read(text), text).toMatchObject({ ok: false });
    }
  });
  it('writes at most two decimals for reading and every decimal for editing', () => {
    expect(formatDanishNumber(-1234.5)).toBe('-1.234,5');
    expect(formatDanishNumber(12.345)).toBe('12,35');
    expect(formatDanishNumber(12.345, { exact: true })).toBe('12,345');
    expect(formatDanishNumber(-0.001)).toBe('0');
  });
  it('reads back what it writes (exact), for integers and decimals', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => {
      const back = read(formatDanishNumber(n, { exact: true }));
      return back.ok && back.value === n;
    }), { numRuns: 500 });
    const decimal = fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }).filter((x) => x === 0 || Math.abs(x) >= 1e-3);
    fc.assert(fc.property(decimal, (x) => {
      const back = read(formatDanishNumber(x, { exact: true }));
      return back.ok && back.value === (Object.is(x, -0) ? 0 : x);
    }), { numRuns: 2000 });
  });
  it('reads back what it writes for reading, to two decimals', () => {
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
      const x = whole + Math.sign(whole || 1) * cents / 100;
      const back = read(formatDanishNumber(x));
      return back.ok && Math.abs(back.value! - x) < 1e-6;
    }), { numRuns: 1000 });
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
