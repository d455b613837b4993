// How good cleaning is, measured by the current code on the gold set plus this project's reviewed redactions:
// per-type precision, recall and F2 for PII, per-reason precision and recall for junk and duplicates.
import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { cleanGoldLabels } from '@/db/schema';
import { evaluateEvents, evaluatePii, mergePii, type EventsReport, type PiiReport } from './gold/evaluate';
import { loadGold } from './gold/load';
import type { Entity } from '@/common/pii-types';

/** Reviewer labels scored per request at most (newest first): keeps the page fast on a busy project. */
const MAX_LABELS = 5_000;

let baseline: { pii: PiiReport; events: EventsReport; source: 'file' | 'generated' } | null = null;

/** The generated gold set scored once per process: the code cannot change while it runs. */
function scoredGold() {
  if (!baseline) {
    const gold = loadGold();
    baseline = { pii: evaluatePii(gold.pii), events: evaluateEvents(gold.events), source: gold.source };
  }
  return baseline;
}

export async function cleaningQuality(db: Db, projectId: string) {
  const gold = scoredGold();
  const labels = await db
    .select({ text: cleanGoldLabels.text, entities: cleanGoldLabels.entities })
    .from(cleanGoldLabels)
    .where(eq(cleanGoldLabels.projectId, projectId))
    .orderBy(desc(cleanGoldLabels.updatedAt))
    .limit(MAX_LABELS);
  const reviewed = labels.length ? evaluatePii(labels.map((l) => ({ text: l.text, entities: l.entities as Entity[] }))) : null;
  return {
    source: gold.source,
    /** Gold set and reviewer labels together: the figures the page leads with. */
    pii: reviewed ? mergePii(gold.pii, reviewed) : gold.pii,
    goldPii: { texts: gold.pii.texts, overall: gold.pii.overall },
    reviewed: reviewed && { labels: labels.length, overall: reviewed.overall, mistakes: reviewed.mistakes.slice(0, 5) },
    events: gold.events,
  };
}
