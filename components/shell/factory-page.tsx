// A factory's page until it has content of its own: its place in the flow and what will appear here.
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { FACTORIES, factory, type FactorySlug } from './factories';

export function FactoryEmptyPage({ projectId, slug }: { projectId: string; slug: FactorySlug }) {
  const f = factory(slug);
  const next = FACTORIES.find((x) => x.step === f.step + 1);
  return (
    <>
      <PageHeader title={`${f.step}. ${f.name}`} subtitle={f.tagline} />
      <EmptyState
        title={f.emptyTitle}
        action={
          next && (
            <Link className="text-sm font-medium text-indigo-700 hover:underline" href={`/p/${projectId}/${next.slug}`}>
              Next in the flow: {next.name} →
            </Link>
          )
        }
      >
        <p>{f.emptyBody}</p>
        <p className="mt-2 text-slate-500">This step produces {f.produces}, which the next step consumes by id.</p>
      </EmptyState>
    </>
  );
}
