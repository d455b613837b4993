// How one upload went: stored, duplicates of earlier sends, rejected lines with their numbers and reasons.
import { Badge } from '@/components/ui/badge';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

export type UploadSummary = {
  fileName: string;
  lines: number;
  stored: number;
  duplicates: number;
  rejected: number;
  rejections: { line: number; reason: string }[];
  error: string | null;
};

export function UploadResult({ result }: { result: UploadSummary }) {
  return (
    <div className="flex flex-col gap-3" data-testid="upload-result">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{result.fileName}</span>
        <span className="text-slate-500">{result.lines.toLocaleString()} lines</span>
        <Badge tone="success">{result.stored.toLocaleString()} stored</Badge>
        <Badge tone={result.duplicates ? 'info' : 'neutral'}>{result.duplicates.toLocaleString()} duplicates</Badge>
        <Badge tone={result.rejected ? 'danger' : 'neutral'}>{result.rejected.toLocaleString()} rejected</Badge>
      </div>
      {result.error && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
          {result.error}
        </p>
      )}
      {result.rejections.length > 0 && (
        <div>
          <Table aria-label="Rejected lines">
            <THead className="text-xs uppercase text-slate-500">
              <Th className="w-20 py-1">Line</Th>
              <Th className="py-1">Why it was rejected</Th>
            </THead>
            <tbody>
              {result.rejections.map((r) => (
                <Tr key={r.line} className="border-t">
                  <Td className="py-1 font-mono">{r.line}</Td>
                  <Td className="py-1 text-red-800">{r.reason}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
          {result.rejected > result.rejections.length && (
            <p className="mt-1 text-xs text-slate-500">
              Showing the first {result.rejections.length} of {result.rejected.toLocaleString()} rejected lines.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
