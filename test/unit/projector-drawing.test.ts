// The projector's drawing (client/views/projectorDrawing.ts) for Rum for Liv: on a wide and on a narrow screen no two
// cards overlap, every link has a path, the bounds hold every card, and on a 16:9 wall the lanes stand side by side
// (the drawing's shape nearer the screen's than one tall column of lanes).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { overlappingPairs, type Box } from '../../model/geometry.ts';
import type { PlanFile } from '../../model/schema.ts';
import { drawPlan } from '../../client/views/projectorDrawing.ts';

const plan = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'rum-for-liv.json'), 'utf8')) as PlanFile;
// heights as the cards get them: longer titles, taller cards
const sizes = Object.fromEntries(plan.nodes.map((n) => [n.id, { width: 210, height: 50 + 22 * Math.ceil(n.title.length / 18) }]));
const options = { nodeWidth: 210, nodeHeight: 70, columnGap: 56, rowGap: 22, laneGap: 56 };

describe('the projector drawing of Rum for Liv', () => {
  for (const aspect of [16 / 9, 0.8]) {
    it(`at aspect ${aspect.toFixed(2)}: no overlap, every link drawn, every card inside`, () => {
      const drawing = drawPlan(plan, sizes, options, 16, aspect);
      const boxes = new Map<string, Box>(Object.entries(drawing.boxes));
      expect(boxes.size).toBe(plan.nodes.length);
      expect(overlappingPairs(boxes)).toEqual([]);
      expect(Object.keys(drawing.paths)).toHaveLength(plan.edges.length);
      for (const box of boxes.values()) {
        expect(box.x).toBeGreaterThanOrEqual(drawing.left);
        expect(box.y).toBeGreaterThanOrEqual(drawing.top);
        expect(box.x + box.width).toBeLessThanOrEqual(drawing.left + drawing.width);
        expect(box.y + box.height).toBeLessThanOrEqual(drawing.top + drawing.height);
      }
    }, 30_000);
  }

  it('sets the lanes side by side on a wide screen, in one column on a tall one', () => {
    const wide = drawPlan(plan, sizes, options, 16, 16 / 9);
    const tall = drawPlan(plan, sizes, options, 16, 0.3);
    expect(wide.width / wide.height).toBeGreaterThan(tall.width / tall.height * 2);
    // a 16:9 wall shows the wide drawing larger than the one-column one would be
    const scale = (d: { width: number; height: number }) => Math.min(16 / d.width, 9 / d.height);
    expect(scale(wide)).toBeGreaterThan(scale(tall));
  }, 30_000);
});
