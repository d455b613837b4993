// Realistic events loaded fast, in the database itself (INSERT … SELECT over generate_series), for benches that need
// a million rows without spending minutes in the app's ingest path: 50–400 characters, ~5% with an email or phone,
// 20% exact and 10% near duplicates, 3% junk, five agents of uneven size, a minute apart. Deterministic: every
// "random" choice is a seeded hash of the row number (hashint8extended), so two runs load the same text.
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';

const SUBJECTS = [
  'my refund',
  'the order I placed last week',
  'shipping to Canada',
  'my password reset',
  'the invoice for March',
  'billing on the team plan',
  'my account settings',
  'the upgrade to Pro',
  'cancelling my subscription',
  'logging in from a new laptop',
  'a timeout when exporting',
  'the CSV export',
  'two-factor codes',
  'the mobile app',
  'a missing parcel',
  'the discount code',
];
const ASKS = [
  'Can you help me with this?',
  'What should I do next?',
  'It has been three days and nothing happened.',
  'I tried twice already and it still fails.',
  'Is there a way to speed this up?',
  'My manager needs this sorted out before Friday, so any pointer is welcome.',
  'The error message just says something went wrong, which is not very useful.',
  'I followed the steps in your help centre but the button is greyed out.',
];
const ANSWERS = [
  'Sorry about the trouble; I have opened a ticket and our team will follow up within a day.',
  'You can do this from Settings › Billing: choose the plan, then confirm.',
  'I have reset it on our side; please try again and tell me if it still fails.',
  'That usually means the session expired. Sign out, sign in again, and retry the export.',
  'Refunds take three to five business days to show on your statement.',
  'I can see the parcel left our warehouse yesterday; the tracking link is in your email.',
];
const arr = (xs: string[]) => sql.raw(`array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`);

/** The generated rows `lo` … `hi` (ids `evt_b00000000` …) as a SELECT, without inserting them. */
export const generatedEvents = (lo: number, hi: number) => sql`
  select 'evt_b' || lpad(g::text, 8, '0') as id,
    (array['support-bot','support-bot','support-bot','sales-bot','sales-bot','math-agent','triage','docs-helper'])[1 + h1 % 8] as agent_id,
    case when h1 % 10 = 0 then 'upload' else 'api' end as source,
    case
      when h2 % 100 < 3 then repeat('?!', 1 + (h3 % 30)::int)
      else left(
        'Hi, I have a question about ' || (${arr(SUBJECTS)})[1 + c % 16] || ', reference ' || lpad((c % 1000000)::text, 6, '0') || '. '
        || (${arr(ASKS)})[1 + (c / 16) % 8] || ' ' || repeat((${arr(ASKS)})[1 + (c / 128) % 8] || ' ', (c % 4)::int)
        || case when h2 % 100 between 3 and 7 then case when h3 % 2 = 0 then 'Reach me at user' || c || '@example.com.' else 'Call me on +1 555 ' || lpad((c % 10000000)::text, 7, '0') || '.' end else '' end
        || case when near then ' Thanks!' else '' end, 400)
    end as prompt,
    (${arr(ANSWERS)})[1 + c % 6] || case when c % 3 = 0 then ' Ticket ' || (c % 100000) || '.' else '' end as response,
    timestamptz '2025-01-01' + g * interval '1 minute' as occurred_at
  from (
    select g, h1, h2, h3,
      -- 20% repeat an earlier event's content exactly, 10% nearly (the same content plus a word).
      case when h2 % 100 between 70 and 99 and g > 0 then h3 % g else g end as c,
      h2 % 100 between 90 and 99 as near
    from (
      select g, abs(hashint8extended(g, 1)) as h1, abs(hashint8extended(g, 2)) as h2, abs(hashint8extended(g, 3)) as h3
      from generate_series(${lo}::bigint, ${hi}::bigint) g
    ) x
  ) y`;

/** Inserts rows `from` … `from + rows - 1` into the project, in statements of `chunk`. */
export async function bulkEvents(
  db: Db,
  o: { projectId: string; rows: number; from?: number; chunk?: number; onChunk?: (done: number) => void },
) {
  const from = o.from ?? 0;
  const chunk = o.chunk ?? 100_000;
  for (let lo = from; lo < from + o.rows; lo += chunk) {
    const hi = Math.min(from + o.rows, lo + chunk) - 1;
    await db.execute(sql`
      insert into events (id, project_id, agent_id, source, prompt, response, occurred_at)
      select id, ${o.projectId}, agent_id, source::event_source, prompt, response, occurred_at from (${generatedEvents(lo, hi)}) r`);
    o.onChunk?.(hi + 1 - from);
  }
}
