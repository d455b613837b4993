// Writes the cleaning gold set (labelled PII texts; labelled duplicates and junk) as JSONL under server/data/cleaning/gold.
// Deterministic: the same seeds give the same files, so a diff shows exactly what a generator change did.
// Run: npx tsx --conditions=react-server scripts/make-gold-set.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { eventsGold } from '@/server/data/cleaning/gold/events-gold';
import { GOLD_DIR, GOLD_FILES, toJsonl } from '@/server/data/cleaning/gold/load';
import { piiGold } from '@/server/data/cleaning/gold/pii-gold';

const pii = piiGold();
const events = eventsGold();
writeFileSync(path.join(GOLD_DIR, GOLD_FILES.pii), toJsonl(pii));
writeFileSync(path.join(GOLD_DIR, GOLD_FILES.events), toJsonl(events));
console.log(
  `${GOLD_FILES.pii}: ${pii.length} texts (${pii.filter((x) => x.entities.length).length} with PII, ${pii.reduce((n, x) => n + x.entities.length, 0)} spans)`,
);
console.log(`${GOLD_FILES.events}: ${events.length} interactions (${events.filter((e) => e.expect !== 'kept').length} to filter)`);
