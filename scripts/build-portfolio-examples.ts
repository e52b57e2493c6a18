/**
 * Builds the two invented example plans of the example portfolio (issue 22): examples/kildebakken.json and
 * examples/lyngbakken.json. Run: npx tsx scripts/build-portfolio-examples.ts
 *
 * They are INVENTED: no real helhedsplan, area or boligorganisation stands behind them, and every figure is made up.
 * Each file says so in its organisation ("… (opdigtet eksempel)"), in the vision and in the plan's key `example`.
 * They exist so that a new user sees a portfolio beside Rum for Liv (a real plan) after `npm start`: other cities,
 * measurements over several years, dated fremdrift with notes, and a few indikatorer that share a `code` with each
 * other and with Rum for Liv (SHARED_CODES in scripts/build-rum-for-liv.ts), so that they are compared across plans.
 *
 * Each plan passes `check` without errors; the warnings left are the kind real plans have (an activity followed up
 * on output only, one without a plan for forankring).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layoutPlan } from '../model/layout.ts';
import { checkPlan } from '../model/rules.ts';
import { validatePlan, type Anchoring, type Direction, type PlanEdge, type PlanFile, type PlanInfo, type PlanNode, type Status } from '../model/schema.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Codes of the example portfolio's shared indicator set (invented, like the plans; Rum for Liv carries four). */
export const CODES = {
  youthInEducation: 'UNGE-UDD-JOB',
  outsideLabourMarket: 'UDEN-ARBEJDE',
  satisfaction: 'TILFREDS-FAELLES',
  participation: 'BEBOERDELTAGELSE',
  sparetimeJobs: 'FRITIDSJOB',
  homework: 'LEKTIECAFE-BRUGERE',
} as const;

interface IndicatorSpec {
  id: string;
  title: string;
  unit: string;
  code?: string;
  direction?: Direction;
  baseline?: [value: number, year: number];
  /** yearly milestones; the last is also the end target */
  targets: Record<number, number>;
  /** [date, value, note?] */
  measurements: Array<[string, number, string?]>;
  source?: string;
  frequency?: string;
}
interface StepSpec {
  kind: 'output' | 'resultat' | 'effekt';
  title: string;
  indicators?: IndicatorSpec[];
}
interface ActivitySpec {
  id: string;
  title: string;
  description: string;
  targetGroup: string;
  responsible: string;
  partners?: string[];
  anchoring?: Anchoring;
  /** [date, status, note?, by?] */
  log: Array<[string, Status, string?, string?]>;
  steps: StepSpec[];
  goals: string[];
}
interface AreaSpec {
  id: string;
  title: string;
  purpose: string[];
  problem: string;
  activities: ActivitySpec[];
}
interface GoalSpec {
  id: string;
  title: string;
  horizon: 'kort' | 'lang';
  external?: boolean;
  indicators?: IndicatorSpec[];
}
interface PlanSpec {
  file: string;
  info: PlanInfo;
  areas: AreaSpec[];
  goals: GoalSpec[];
}

const INVENTED = 'Opdigtet eksempel til Forandringskort: planen, området, boligorganisationen og alle tal er opfundet.';
const BSD = 'Landsbyggefonden, Boligsociale Data (opdigtede eksempeltal)';
const TRYG = 'Tryghedsmåling blandt beboerne (opdigtede eksempeltal)';

function indicatorNode(spec: IndicatorSpec, focusArea?: string): PlanNode {
  const years = Object.keys(spec.targets).map(Number).sort((a, b) => a - b);
  const last = years[years.length - 1]!;
  const node: PlanNode = { id: spec.id, kind: 'indikator', title: spec.title, unit: spec.unit };
  if (focusArea) node.focusArea = focusArea;
  if (spec.code) node.code = spec.code;
  if (spec.direction) node.direction = spec.direction;
  if (spec.baseline) node.baseline = { value: spec.baseline[0], year: spec.baseline[1] };
  node.target = { value: spec.targets[last]!, year: last };
  node.targets = years.map((year) => ({ year, value: spec.targets[year]! }));
  node.measurements = spec.measurements.map(([date, value, note]) => ({ date, value, ...(note ? { note } : {}) }));
  if (spec.source) node.source = spec.source;
  node.frequency = spec.frequency ?? 'Årligt';
  return node;
}

function buildPlan(spec: PlanSpec): PlanFile {
  const nodes: PlanNode[] = [];
  const edges: PlanEdge[] = [];
  for (const goal of spec.goals) {
    nodes.push({ id: goal.id, kind: 'maal', title: goal.title, horizon: goal.horizon, ...(goal.external ? { external: true } : {}) });
    for (const indicator of goal.indicators ?? []) {
      nodes.push(indicatorNode(indicator));
      edges.push({ from: goal.id, to: indicator.id, kind: 'maales-ved' });
    }
  }
  for (const area of spec.areas) {
    for (const activity of area.activities) {
      nodes.push({
        id: activity.id, kind: 'aktivitet', title: activity.title, focusArea: area.id, description: activity.description,
        targetGroup: activity.targetGroup, responsible: activity.responsible,
        ...(activity.partners ? { partners: activity.partners } : {}),
        ...(activity.anchoring ? { anchoring: activity.anchoring } : {}),
        statusLog: activity.log.map(([date, status, note, by]) => ({ date, status, ...(note ? { note } : {}), ...(by ? { by } : {}) })),
      });
      let previous = activity.id;
      activity.steps.forEach((step, index) => {
        const id = `${activity.id}-${step.kind.charAt(0)}${index + 1}`;
        nodes.push({ id, kind: step.kind, title: step.title, focusArea: area.id });
        edges.push({ from: previous, to: id, kind: 'leder-til' });
        for (const indicator of step.indicators ?? []) {
          nodes.push(indicatorNode(indicator, area.id));
          edges.push({ from: id, to: indicator.id, kind: 'maales-ved' });
        }
        previous = id;
      });
      for (const goal of activity.goals) edges.push({ from: previous, to: goal, kind: 'bidrager-til' });
    }
  }
  const plan: PlanFile = {
    format: 'forandringskort/v1',
    plan: { ...spec.info, example: INVENTED } as PlanInfo,
    focusAreas: spec.areas.map(({ id, title, purpose, problem }) => ({ id, title, purpose, problem })),
    nodes,
    edges,
  };
  const positions = layoutPlan(plan);
  for (const node of nodes) if (positions[node.id]) node.position = positions[node.id];
  return plan;
}

const kildebakken: PlanSpec = {
  file: 'kildebakken.json',
  info: {
    title: 'Kildebakken sammen',
    organisation: 'Boligforeningen Fjordbo (opdigtet eksempel)',
    area: 'Odense Ø: Kildebakken',
    period: { from: 2013, to: 2016 },
    vision: `${INVENTED} Kildebakken skal være et område, hvor unge kommer i uddannelse og job, hvor beboerne er trygge, og hvor nye beboere bliver en del af fællesskabet.`,
  },
  goals: [
    { id: 'm1', title: 'Flere unge på 15–17 år er i uddannelse eller job', horizon: 'lang', indicators: [
      { id: 'i-m1', title: 'Andel 15–17-årige i uddannelse eller job', unit: '%', code: CODES.youthInEducation, baseline: [78, 2012],
        targets: { 2013: 80, 2014: 82, 2015: 84, 2016: 86 }, source: BSD,
        measurements: [['2013-12-31', 79.5], ['2014-12-31', 83.1], ['2015-12-31', 83.4, 'Faldet skyldes især én årgang']] },
    ] },
    { id: 'm2', title: 'Færre beboere står uden for arbejdsmarkedet', horizon: 'lang', indicators: [
      { id: 'i-m2', title: 'Andel 16–64-årige uden for arbejdsmarkedet', unit: '%', code: CODES.outsideLabourMarket, direction: 'ned',
        baseline: [41, 2012], targets: { 2013: 40, 2014: 38, 2015: 36, 2016: 34 }, source: BSD,
        measurements: [['2013-12-31', 40.2], ['2014-12-31', 38.9], ['2015-12-31', 35.7]] },
    ] },
    { id: 'm3', title: 'Beboerne er trygge og trives i Kildebakken', horizon: 'lang', indicators: [
      { id: 'i-m3', title: 'Andel beboere, der er tilfredse med fællesarealerne', unit: '%', code: CODES.satisfaction, baseline: [48, 2012],
        targets: { 2014: 55, 2016: 60 }, source: TRYG, frequency: 'Hvert år i november',
        measurements: [['2013-11-15', 51], ['2014-11-20', 56], ['2015-11-18', 54]] },
    ] },
    { id: 'm4', title: 'Flere beboere deltager i fællesskaber og beboerdemokrati', horizon: 'kort', indicators: [
      { id: 'i-m4', title: 'Antal beboere, der deltog i helhedsplanens aktiviteter', unit: 'beboere', code: CODES.participation,
        targets: { 2013: 150, 2014: 200, 2015: 250 }, source: 'Helhedsplanens deltagerlister',
        measurements: [['2013-12-31', 162], ['2014-12-31', 188], ['2015-12-31', 265]] },
    ] },
    { id: 'm5', title: 'Kommunens mål: 95 % af en ungdomsårgang gennemfører en ungdomsuddannelse', horizon: 'lang', external: true },
  ],
  areas: [
    {
      id: 'io1', title: 'Uddannelse og beskæftigelse', purpose: ['Flere unge og voksne i uddannelse og job.'],
      problem: 'Mange unge falder fra ungdomsuddannelserne, og to af fem voksne står uden for arbejdsmarkedet.',
      activities: [
        { id: 'a1', title: 'Jobcafé', description: 'Åben rådgivning to gange om ugen om job, CV og ansøgninger.', targetGroup: 'Ledige beboere 18–64 år',
          responsible: 'Beskæftigelsesmedarbejder', partners: ['Jobcenteret'], anchoring: { strategy: 'kommunal', partner: 'Jobcenteret' },
          log: [['2013-06-01', 'groen'], ['2014-06-15', 'gul', 'Færre besøg efter flytningen til beboerhuset', 'Styregruppen'], ['2014-12-01', 'groen', 'Besøgstallet er tilbage']],
          steps: [
            { kind: 'output', title: 'Beboere får hjælp til ansøgninger og CV', indicators: [
              { id: 'i-a1-1', title: 'Antal besøg i jobcaféen', unit: 'besøg', targets: { 2013: 300, 2014: 350, 2015: 400 },
                measurements: [['2013-12-31', 280], ['2014-12-31', 365], ['2015-12-31', 410]] }] },
            { kind: 'resultat', title: 'Deltagere kommer i job, praktik eller uddannelse', indicators: [
              { id: 'i-a1-2', title: 'Antal deltagere i job, praktik eller uddannelse', unit: 'deltagere', targets: { 2013: 20, 2014: 25, 2015: 30 },
                measurements: [['2013-12-31', 14], ['2014-12-31', 22], ['2015-12-31', 31]] }] },
          ],
          goals: ['m2'] },
        { id: 'a2', title: 'Fritidsjobformidling', description: 'En ungekoordinator finder fritidsjob hos lokale arbejdsgivere og følger de unge i jobbet.',
          targetGroup: 'Unge 13–17 år', responsible: 'Ungekoordinator', partners: ['Lokale erhvervsdrivende'],
          anchoring: { strategy: 'partnerskab', partner: 'Lokale erhvervsdrivende' },
          log: [['2013-09-01', 'gul', 'Svært at finde arbejdsgivere'], ['2014-10-01', 'groen'],
            ['2015-10-01', 'roed', 'Ungekoordinatoren er stoppet, og stillingen er ikke genbesat', 'Styregruppen']],
          steps: [
            { kind: 'output', title: 'Unge får et fritidsjob', indicators: [
              { id: 'i-a2-1', title: 'Antal unge i fritidsjob', unit: 'unge', code: CODES.sparetimeJobs, targets: { 2013: 15, 2014: 20, 2015: 25 },
                measurements: [['2013-12-31', 12], ['2014-12-31', 21], ['2015-12-31', 19]] }] },
            { kind: 'resultat', title: 'Unge bliver i fritidsjobbet mindst et halvt år', indicators: [
              { id: 'i-a2-2', title: 'Andel, der stadig har jobbet efter seks måneder', unit: '%', targets: { 2014: 60, 2015: 65 },
                measurements: [['2014-12-31', 58], ['2015-12-31', 66]] }] },
          ],
          goals: ['m1'] },
        { id: 'a3', title: 'Uddannelsesvejledning for unge', description: 'Vejledning i beboerhuset om valg af ungdomsuddannelse, og hjælp når det går skævt.',
          targetGroup: 'Unge 15–19 år og deres forældre', responsible: 'Ungekoordinator', partners: ['Ungdommens Uddannelsesvejledning'],
          anchoring: { strategy: 'kommunal', partner: 'Ungdommens Uddannelsesvejledning' },
          log: [['2013-05-01', 'groen'], ['2015-05-01', 'gul', 'Vejlederen er der kun hver anden uge']],
          steps: [
            { kind: 'resultat', title: 'Unge vælger og begynder på en ungdomsuddannelse', indicators: [
              { id: 'i-a3-1', title: 'Antal unge, der begyndte på en ungdomsuddannelse efter vejledning', unit: 'unge', targets: { 2013: 15, 2014: 18, 2015: 20 },
                measurements: [['2013-12-31', 16], ['2014-12-31', 17], ['2015-12-31', 22]] }] },
            { kind: 'effekt', title: 'Flere unge gennemfører en ungdomsuddannelse' },
          ],
          goals: ['m1', 'm5'] },
      ],
    },
    {
      id: 'io2', title: 'Børn, unge og familier', purpose: ['Børn og unge trives og klarer sig godt i skolen.'],
      problem: 'Børnene i området klarer sig dårligere i skolen end kommunens gennemsnit, og mange forældre er usikre på skolens forventninger.',
      activities: [
        { id: 'a4', title: 'Lektiecafé', description: 'Frivillige hjælper med lektier tre eftermiddage om ugen.', targetGroup: 'Skolebørn i 4.–9. klasse',
          responsible: 'Børne- og ungemedarbejder', anchoring: { strategy: 'frivillige', partner: 'Lokale frivillige' },
          log: [['2013-04-01', 'groen'], ['2014-03-01', 'gul', 'Mangler frivillige til matematik'], ['2014-11-01', 'groen', 'Fire nye frivillige fra gymnasiet']],
          steps: [
            { kind: 'output', title: 'Børn får hjælp til lektierne', indicators: [
              { id: 'i-a4-1', title: 'Antal brugere af lektiecaféen', unit: 'brugere', code: CODES.homework, targets: { 2013: 40, 2014: 45, 2015: 50 },
                measurements: [['2013-12-31', 38], ['2014-12-31', 47], ['2015-12-31', 52]] }] },
            { kind: 'resultat', title: 'Børnene klarer sig bedre i skolen', indicators: [
              { id: 'i-a4-2', title: 'Andel brugere, der har bedre karakterer efter et år', unit: '%', targets: { 2014: 50, 2015: 55 },
                measurements: [['2014-06-30', 44], ['2015-06-30', 57]] }] },
          ],
          goals: ['m1'] },
        { id: 'a5', title: 'Familieklub', description: 'Fællesspisning og temaaftener for familier, fx om skole-hjem-samarbejde.', targetGroup: 'Familier med børn 0–12 år',
          responsible: 'Familiemedarbejder', anchoring: { strategy: 'beboeransatte', partner: 'Afdelingens beboerrådgiver' },
          log: [['2013-10-01', 'groen'], ['2014-05-01', 'roed', 'Lokalet er under renovering til august; aktiviteterne er aflyst', 'Projektleder'],
            ['2014-09-01', 'gul', 'Tilbage i lokalet, men færre familier kommer']],
          steps: [
            { kind: 'output', title: 'Familier deltager i klubbens aktiviteter', indicators: [
              { id: 'i-a5-1', title: 'Antal familier i familieklubben', unit: 'familier', targets: { 2013: 30, 2014: 35, 2015: 40 },
                measurements: [['2013-12-31', 31], ['2014-12-31', 24], ['2015-12-31', 36]] }] },
            { kind: 'resultat', title: 'Forældre støtter deres børns skolegang', indicators: [
              { id: 'i-a5-2', title: 'Andel forældre, der deltog i skole-hjem-samtaler', unit: '%', targets: { 2014: 80, 2015: 85 },
                measurements: [['2014-12-31', 77], ['2015-12-31', 86]] }] },
          ],
          goals: ['m1', 'm3'] },
        { id: 'a6', title: 'Ungeklub i weekenden', description: 'Klubben holder åbent fredag og lørdag aften med en voksen fra området.', targetGroup: 'Unge 14–18 år',
          responsible: 'Klubmedarbejder',
          log: [['2013-11-01', 'gul', 'Åbent, men kun få unge kommer'], ['2014-11-01', 'groen']],
          steps: [
            { kind: 'output', title: 'Unge bruger klubben fredag og lørdag aften', indicators: [
              { id: 'i-a6-1', title: 'Antal unikke unge i klubben', unit: 'unge', targets: { 2013: 40, 2014: 50, 2015: 60 },
                measurements: [['2013-12-31', 28], ['2014-12-31', 51], ['2015-12-31', 63]] }] },
            { kind: 'effekt', title: 'Mindre uro i området om aftenen' },
          ],
          goals: ['m3'] },
      ],
    },
    {
      id: 'io3', title: 'Tryghed og fællesskab', purpose: ['Beboerne er trygge og tager del i fællesskabet.'],
      problem: 'Mange beboere føler sig utrygge om aftenen, og kun få deltager i afdelingsmøderne.',
      activities: [
        { id: 'a7', title: 'Tryghedsvandringer', description: 'Beboere, driften og politiet går området igennem og udpeger utrygge steder.', targetGroup: 'Alle beboere',
          responsible: 'Projektleder', partners: ['Lokalpolitiet', 'Driften'], anchoring: { strategy: 'partnerskab', partner: 'Lokalpolitiet og driften' },
          log: [['2013-09-15', 'groen'], ['2015-09-15', 'groen', 'Belysningen ved stien er skiftet']],
          steps: [
            { kind: 'output', title: 'Beboere, driften og politiet går tryghedsvandringer', indicators: [
              { id: 'i-a7-1', title: 'Antal tryghedsvandringer', unit: 'vandringer', targets: { 2013: 2, 2014: 2, 2015: 2 },
                measurements: [['2013-10-01', 2], ['2014-10-01', 2], ['2015-10-01', 1]] }] },
            { kind: 'resultat', title: 'Utrygge steder bliver forbedret', indicators: [
              { id: 'i-a7-2', title: 'Antal forbedrede steder', unit: 'steder', targets: { 2013: 3, 2014: 4, 2015: 4 },
                measurements: [['2013-12-31', 3], ['2014-12-31', 5], ['2015-12-31', 2]] }] },
            { kind: 'effekt', title: 'Beboerne føler sig trygge i området' },
          ],
          goals: ['m3'] },
        { id: 'a8', title: 'Fællesspisning', description: 'Fællesspisning hver anden torsdag, lavet af beboere for beboere.', targetGroup: 'Alle beboere, især nye',
          responsible: 'Frivilligkoordinator', anchoring: { strategy: 'frivillige', partner: 'Afdelingsbestyrelsen' },
          log: [['2013-03-01', 'groen'], ['2014-02-01', 'groen']],
          steps: [
            { kind: 'output', title: 'Beboere mødes til fællesspisning', indicators: [
              { id: 'i-a8-1', title: 'Antal deltagere i fællesspisning i gennemsnit', unit: 'deltagere', targets: { 2013: 40, 2014: 50, 2015: 50 },
                measurements: [['2013-12-31', 45], ['2014-12-31', 52], ['2015-12-31', 48]] }] },
            { kind: 'resultat', title: 'Nye beboere bliver en del af fællesskabet', indicators: [
              { id: 'i-a8-2', title: 'Antal nye frivillige', unit: 'frivillige', targets: { 2013: 5, 2014: 8, 2015: 10 },
                measurements: [['2013-12-31', 6], ['2014-12-31', 9], ['2015-12-31', 7]] }] },
          ],
          goals: ['m4'] },
        { id: 'a9', title: 'Kursus i beboerdemokrati', description: 'Et aftenkursus om afdelingsmødet, budgettet og bestyrelsens arbejde.', targetGroup: 'Beboere, der vil være med i beboerdemokratiet',
          responsible: 'Projektleder', anchoring: { strategy: 'frivillige', partner: 'Organisationsbestyrelsen' },
          log: [['2014-01-15', 'gul', 'Kurset er udskudt til foråret'], ['2014-05-01', 'groen']],
          steps: [
            { kind: 'output', title: 'Beboere gennemfører kurset', indicators: [
              { id: 'i-a9-1', title: 'Antal kursister', unit: 'kursister', targets: { 2014: 12, 2015: 12 }, measurements: [['2014-06-01', 14], ['2015-06-01', 9]] }] },
            { kind: 'resultat', title: 'Flere stiller op til afdelingsbestyrelsen', indicators: [
              { id: 'i-a9-2', title: 'Antal kandidater ved afdelingsmødet', unit: 'kandidater', baseline: [3, 2013], targets: { 2014: 6, 2015: 8 },
                measurements: [['2014-09-20', 7], ['2015-09-19', 6]] }] },
          ],
          goals: ['m4'] },
      ],
    },
  ],
};

const lyngbakken: PlanSpec = {
  file: 'lyngbakken.json',
  info: {
    title: 'Helhedsplan for Lyngbakken',
    organisation: 'Boligselskabet Vestkyst (opdigtet eksempel)',
    area: 'Esbjerg Ø: Lyngbakken',
    period: { from: 2014, to: 2017 },
    vision: `${INVENTED} Lyngbakken skal være et sted, man vælger at bo: med plads til fællesskab, og hvor flere beboere har et arbejde.`,
  },
  goals: [
    { id: 'g1', title: 'Flere unge er i uddannelse eller job', horizon: 'lang', indicators: [
      { id: 'i-g1', title: 'Andel 15–17-årige i uddannelse eller job', unit: '%', code: CODES.youthInEducation, baseline: [74, 2013],
        targets: { 2014: 76, 2015: 79, 2016: 82, 2017: 84 }, source: BSD,
        measurements: [['2014-12-31', 75.2], ['2015-12-31', 77]] },
    ] },
    { id: 'g2', title: 'Flere voksne beboere er i arbejde', horizon: 'lang', indicators: [
      { id: 'i-g2', title: 'Andel 16–64-årige uden for arbejdsmarkedet', unit: '%', code: CODES.outsideLabourMarket, direction: 'ned',
        baseline: [47, 2013], targets: { 2014: 46, 2015: 44, 2016: 42, 2017: 40 }, source: BSD,
        measurements: [['2014-12-31', 46.5], ['2015-12-31', 43.8]] },
    ] },
    { id: 'g3', title: 'Flere beboere mødes på tværs i området', horizon: 'kort', indicators: [
      { id: 'i-g3', title: 'Antal beboere, der deltog i helhedsplanens aktiviteter', unit: 'beboere', code: CODES.participation,
        targets: { 2014: 120, 2015: 150, 2016: 170 }, source: 'Helhedsplanens deltagerlister',
        measurements: [['2014-12-31', 131], ['2015-12-31', 118, 'Beboerhuset var lukket i tre måneder']] },
    ] },
    { id: 'g4', title: 'Beboerne er glade for at bo i Lyngbakken', horizon: 'lang', indicators: [
      { id: 'i-g4', title: 'Andel beboere, der er tilfredse med fællesarealerne', unit: '%', code: CODES.satisfaction, baseline: [52, 2013],
        targets: { 2015: 58, 2017: 65 }, source: TRYG, frequency: 'Hvert andet år', measurements: [['2015-10-10', 58]] },
    ] },
  ],
  areas: [
    {
      id: 'io1', title: 'Beskæftigelse og uddannelse', purpose: ['Flere beboere i job, og flere unge i uddannelse.'],
      problem: 'Næsten halvdelen af de voksne står uden for arbejdsmarkedet, og mange unge mangler erfaring fra et job.',
      activities: [
        { id: 'b1', title: 'Jobmentorer', description: 'Frivillige jobmentorer med erhvervserfaring følger en ledig beboer i et halvt år.', targetGroup: 'Ledige beboere 25–64 år',
          responsible: 'Beskæftigelseskonsulent', partners: ['Jobcenteret', 'Lokale virksomheder'], anchoring: { strategy: 'partnerskab', partner: 'Jobcenteret' },
          log: [['2014-05-01', 'groen'], ['2015-03-01', 'gul', 'For få mentorer til antallet af ledige'], ['2015-11-01', 'groen', 'Ti nye mentorer fra erhvervsnetværket']],
          steps: [
            { kind: 'output', title: 'Ledige beboere får en jobmentor', indicators: [
              { id: 'i-b1-1', title: 'Antal mentorforløb', unit: 'forløb', targets: { 2014: 20, 2015: 30, 2016: 35 },
                measurements: [['2014-12-31', 18], ['2015-12-31', 31]] }] },
            { kind: 'resultat', title: 'Deltagere kommer i job eller uddannelse', indicators: [
              { id: 'i-b1-2', title: 'Antal i job eller uddannelse et halvt år efter forløbet', unit: 'deltagere', targets: { 2014: 6, 2015: 10, 2016: 12 },
                measurements: [['2014-12-31', 4], ['2015-12-31', 11]] }] },
          ],
          goals: ['g2'] },
        { id: 'b2', title: 'Fritidsjobgaranti', description: 'Alle unge på 14–17 år, der vil have et fritidsjob, får hjælp til at finde et.', targetGroup: 'Unge 14–17 år',
          responsible: 'Ungekoordinator', partners: ['Lokale erhvervsdrivende'], anchoring: { strategy: 'partnerskab', partner: 'Erhvervsforeningen' },
          log: [['2014-08-01', 'gul', 'Kun få virksomheder er med endnu'], ['2015-06-01', 'groen']],
          steps: [
            { kind: 'output', title: 'Unge får et fritidsjob', indicators: [
              { id: 'i-b2-1', title: 'Antal unge i fritidsjob', unit: 'unge', code: CODES.sparetimeJobs, targets: { 2014: 10, 2015: 15, 2016: 20 },
                measurements: [['2014-12-31', 8], ['2015-12-31', 16]] }] },
            { kind: 'resultat', title: 'Unge får erfaring og referencer fra et job', indicators: [
              { id: 'i-b2-2', title: 'Andel unge med en skriftlig reference efter jobbet', unit: '%', targets: { 2015: 70, 2016: 75 },
                measurements: [['2015-12-31', 64]] }] },
          ],
          goals: ['g1'] },
        { id: 'b3', title: 'Lektiecafé på biblioteket', description: 'Lektiehjælp på filialbiblioteket fire eftermiddage om ugen.', targetGroup: 'Skolebørn i 3.–10. klasse',
          responsible: 'Børne- og ungemedarbejder', partners: ['Biblioteket'], anchoring: { strategy: 'kommunal', partner: 'Biblioteket' },
          log: [['2014-09-01', 'gul', 'Caféen er kommet langsomt i gang'], ['2015-04-01', 'roed', 'Biblioteket har skåret åbningstiden; caféen er lukket to dage om ugen', 'Projektleder']],
          steps: [
            { kind: 'output', title: 'Børn får hjælp til lektierne', indicators: [
              { id: 'i-b3-1', title: 'Antal brugere af lektiecaféen', unit: 'brugere', code: CODES.homework, targets: { 2014: 30, 2015: 35, 2016: 40 },
                measurements: [['2014-12-31', 26], ['2015-12-31', 24]] }] },
            { kind: 'resultat', title: 'Børnene klarer sig bedre i skolen', indicators: [
              { id: 'i-b3-2', title: 'Andel brugere, der består dansk og matematik i 9. klasse', unit: '%', targets: { 2015: 80, 2016: 85 },
                measurements: [['2015-06-30', 71]] }] },
          ],
          goals: ['g1'] },
        { id: 'b4', title: 'Uddannelsesambassadører', description: 'Unge fra området, der er i gang med en uddannelse, fortæller om den i skolen og klubben.',
          targetGroup: 'Unge 13–16 år', responsible: 'Ungekoordinator', anchoring: { strategy: 'frivillige', partner: 'Ambassadørerne selv' },
          log: [['2014-10-01', 'groen'], ['2015-10-01', 'groen']],
          steps: [
            { kind: 'output', title: 'Ambassadørerne holder oplæg om uddannelse', indicators: [
              { id: 'i-b4-1', title: 'Antal oplæg', unit: 'oplæg', targets: { 2014: 6, 2015: 10, 2016: 10 },
                measurements: [['2014-12-31', 7], ['2015-12-31', 12]] }] },
            { kind: 'effekt', title: 'Flere unge vælger en ungdomsuddannelse' },
          ],
          goals: ['g1'] },
      ],
    },
    {
      id: 'io2', title: 'Fællesskab og beboerdemokrati', purpose: ['Et levende beboerliv, som beboerne selv bærer.'],
      problem: 'Få beboere kender hinanden på tværs af blokkene, og fællesarealerne er slidte.',
      activities: [
        { id: 'b5', title: 'Aktiviteter i beboerhuset', description: 'Beboerhuset holder åbent fem dage om ugen med aktiviteter, som beboerne selv foreslår.',
          targetGroup: 'Alle beboere', responsible: 'Frivilligkoordinator', anchoring: { strategy: 'frivillige', partner: 'Afdelingsbestyrelsen' },
          log: [['2014-06-01', 'groen'], ['2015-02-01', 'roed', 'Beboerhuset er lukket på grund af fugt; aktiviteterne er flyttet til skolen', 'Driftschefen'],
            ['2015-06-01', 'gul', 'Huset er åbent igen, men mange er ikke kommet tilbage']],
          steps: [
            { kind: 'output', title: 'Beboerhuset holder åbent med aktiviteter', indicators: [
              { id: 'i-b5-1', title: 'Antal aktiviteter i beboerhuset om måneden', unit: 'aktiviteter', targets: { 2014: 12, 2015: 15, 2016: 15 },
                measurements: [['2014-12-31', 13], ['2015-12-31', 9]] }] },
            { kind: 'resultat', title: 'Beboere fra forskellige blokke lærer hinanden at kende', indicators: [
              { id: 'i-b5-2', title: 'Andel beboere, der kender mindst fem naboer', unit: '%', baseline: [35, 2013], targets: { 2015: 45, 2017: 55 },
                measurements: [['2015-10-10', 41]] }] },
          ],
          goals: ['g3'] },
        { id: 'b6', title: 'Grønne fællesarealer', description: 'Beboerne er med til at forny legepladser og grønne områder på arbejdsdage.', targetGroup: 'Alle beboere',
          responsible: 'Driftschef', partners: ['Driften'], anchoring: { strategy: 'beboeransatte', partner: 'Driften' },
          log: [['2014-09-01', 'groen'], ['2015-05-01', 'roed', 'Byggetilladelsen til den nye legeplads er forsinket', 'Driftschefen']],
          steps: [
            { kind: 'output', title: 'Beboerne deltager i arbejdsdage', indicators: [
              { id: 'i-b6-1', title: 'Antal beboere på arbejdsdage', unit: 'beboere', targets: { 2014: 40, 2015: 60, 2016: 60 },
                measurements: [['2014-10-01', 45], ['2015-10-01', 38]] }] },
            { kind: 'effekt', title: 'Fællesarealerne er rare at være på' },
          ],
          goals: ['g4'] },
        { id: 'b7', title: 'Velkomst til nye beboere', description: 'Nye beboere får besøg af en frivillig med velkomstpakke og invitation til aktiviteterne.',
          targetGroup: 'Nye beboere', responsible: 'Frivilligkoordinator',
          log: [['2014-11-01', 'gul', 'Vi får ikke besked, når nogen flytter ind'], ['2015-08-01', 'groen', 'Udlejningen sender nu en liste hver måned']],
          steps: [
            { kind: 'output', title: 'Nye beboere får et velkomstbesøg', indicators: [
              { id: 'i-b7-1', title: 'Andel nye beboere, der fik et velkomstbesøg', unit: '%', targets: { 2014: 50, 2015: 75, 2016: 90 },
                measurements: [['2014-12-31', 32], ['2015-12-31', 78]] }] },
            { kind: 'resultat', title: 'Nye beboere kommer til aktiviteterne', indicators: [
              { id: 'i-b7-2', title: 'Antal nye beboere, der deltog i en aktivitet', unit: 'beboere', targets: { 2015: 25, 2016: 30 },
                measurements: [['2015-12-31', 27]] }] },
          ],
          goals: ['g3'] },
      ],
    },
  ],
};

for (const spec of [kildebakken, lyngbakken]) {
  const plan = buildPlan(spec);
  const checked = validatePlan(plan);
  if (!checked.ok) {
    console.error(spec.file, checked.problems);
    process.exit(1);
  }
  const errors = checkPlan(plan).findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    console.error(spec.file, errors.map((f) => f.message));
    process.exit(1);
  }
  const out = join(root, 'examples', spec.file);
  writeFileSync(out, `${JSON.stringify(plan, null, 2)}\n`);
  console.log(`Skrev ${out}: ${plan.nodes.length} noder, ${plan.edges.length} kanter`);
}
