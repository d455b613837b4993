// Newer/older paging for keyset-paginated lists: no page count to jump to, but every page is as fast as the first.
import { Button } from '@/components/ui/button';

export function KeysetPager({
  page,
  hasOlder,
  onNewer,
  onOlder,
  summary,
}: {
  page: number;
  hasOlder: boolean;
  onNewer: () => void;
  onOlder: () => void;
  summary?: string;
}) {
  return (
    <div className="flex items-center justify-between pt-3 text-sm text-slate-600">
      <span>
        Page {page}
        {summary ? ` · ${summary}` : ''}
      </span>
      <div className="flex gap-2">
        <Button variant="secondary" disabled={page <= 1} onClick={onNewer}>
          Newer
        </Button>
        <Button variant="secondary" disabled={!hasOlder} onClick={onOlder}>
          Older
        </Button>
      </div>
    </div>
  );
}
