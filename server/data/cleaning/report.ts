// A run's report as it accumulates: complete counts per outcome and per PII type, and the first few examples of each
// reason (always redacted, so a report never shows the personal data cleaning removed).
import type { CleanExample, CleanReport } from '@/db/schema';
import type { CleanEvent, CleanVerdict } from './pipeline';
import { redact } from './pii/detect';

const SNIPPET = 300;
const clip = (s: string) => (s.length > SNIPPET ? `${s.slice(0, SNIPPET)}…` : s);

export class ReportBuilder {
  readonly counts: Record<string, number> = {};
  readonly entities: Record<string, number> = {};
  private readonly examples: Record<string, CleanExample[]> = {};
  kept = 0;
  filtered = 0;
  /** Events with at least one redaction. */
  redacted = 0;

  constructor(private readonly perReason = 5) {}

  add(event: CleanEvent, v: CleanVerdict): void {
    const outcome = v.reason ?? 'kept';
    this.counts[outcome] = (this.counts[outcome] ?? 0) + 1;
    if (v.status === 'kept') this.kept++;
    else this.filtered++;
    const spans = v.entities.prompt.length + v.entities.response.length;
    if (spans) {
      this.redacted++;
      for (const e of v.entities.prompt) this.entities[e.type] = (this.entities[e.type] ?? 0) + 1;
      for (const e of v.entities.response) this.entities[e.type] = (this.entities[e.type] ?? 0) + 1;
    }
    if (!v.reason) return;
    const list = (this.examples[v.reason] ??= []);
    if (list.length >= this.perReason) return;
    // Junk was filtered before redaction: redact its example here (cheap, a handful per reason).
    list.push({
      eventId: event.id,
      prompt: clip(v.prompt ?? redact(event.prompt).text),
      response: clip(v.response ?? redact(event.response).text),
      detail: v.detail,
      duplicateOf: v.duplicateOf,
    });
  }

  build(extra: { indexed: number; timings: Record<string, number> }): CleanReport {
    return { counts: this.counts, examples: this.examples, entities: this.entities, ...extra };
  }
}
