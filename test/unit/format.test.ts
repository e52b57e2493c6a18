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
