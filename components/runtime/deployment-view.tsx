'use client';
// One deployment, live: status (and the refill breaker's reason), stop / rollback / promote, pool metrics with an
// occupancy chart, health history, versions side by side, recent requests.
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { TimeSeriesChart } from '@/components/charts/time-series-chart';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ago } from '@/components/ui/format';
import { ErrorLine } from '@/components/ui/list-state';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { deploymentTone, ms, rate, us } from './format';

const Stat = ({ label, value }: { label: string; value: React.ReactNode }) => (
  <div className="rounded-md border border-slate-200 px-3 py-2">
    <div className="text-xs uppercase tracking-wide text-slate-500">{label}</div>
    <div className="text-sm font-semibold text-slate-800">{value}</div>
  </div>
);

export function DeploymentView({ projectId, deploymentId, canWrite }: { projectId: string; deploymentId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const got = useQuery({ ...trpc.runtime.deployments.get.queryOptions({ projectId, deploymentId }), refetchInterval: 2000 });
  const done = { onSuccess: () => qc.invalidateQueries({ queryKey: trpc.runtime.deployments.get.queryKey() }) };
  const stop = useMutation(trpc.runtime.deployments.stop.mutationOptions(done));
  const rollback = useMutation(trpc.runtime.deployments.rollback.mutationOptions(done));
  const promote = useMutation(trpc.runtime.deployments.promote.mutationOptions(done));
  if (got.error) return <ErrorLine message={got.error.message} />;
  if (!got.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { deployment: d, pool, traffic, versions, recent } = got.data;
  const m = pool?.metrics;
  const serving = d.status === 'starting' || d.status === 'live';
  const failure = stop.error ?? rollback.error ?? promote.error;
  return (
    <div className="grid gap-6">
      <Card
        title={
          <span>
            {d.name} v{d.version}{' '}
            <span data-testid="deployment-status" data-status={d.status}>
              <Badge tone={deploymentTone[d.status]}>{d.status}</Badge>
            </span>
          </span>
        }
        actions={
          canWrite && (
            <div className="flex gap-2">
              {serving && d.trafficPercent < 100 && (
                <Button variant="secondary" onClick={() => promote.mutate({ projectId, deploymentId })}>
                  Promote canary
                </Button>
              )}
              <Button
                variant="secondary"
                onClick={() =>
                  window.confirm(`Roll ${d.name} back to its previous version?`) && rollback.mutate({ projectId, name: d.name })
                }
              >
                Roll back
              </Button>
              {serving && (
                <Button
                  variant="danger"
                  onClick={() => window.confirm(`Stop ${d.name} v${d.version}?`) && stop.mutate({ projectId, deploymentId })}
                >
                  Stop
                </Button>
              )}
            </div>
          )
        }
      >
        <div className="grid gap-2 text-sm">
          {d.statusReason && (
            <p className="text-amber-800" data-testid="status-reason">
              {d.statusReason}
            </p>
          )}
          {failure && <ErrorLine message={failure.message} />}
          <p className="text-slate-600">
            Model{' '}
            <Link className="font-mono text-xs text-indigo-700 hover:underline" href={`/p/${projectId}/training/models/${d.modelId}`}>
              {d.modelId}
            </Link>{' '}
            · {d.trafficPercent}% of {d.name}&apos;s traffic · endpoint <code className="text-xs">POST {d.endpoint}</code> with{' '}
            <code className="text-xs">&quot;model&quot;: &quot;{d.name}&quot;</code> · deployed {ago(d.createdAt)}
          </p>
          <div className="grid grid-cols-2 gap-2 md:grid-cols-6">
            <Stat label="Requests (15 min)" value={traffic.requests} />
            <Stat label="Errors" value={traffic.errors} />
            <Stat label="Per minute" value={traffic.perMinute} />
            <Stat label="p50" value={ms(traffic.p50Ms)} />
            <Stat label="p95" value={ms(traffic.p95Ms)} />
            <Stat label="p99" value={ms(traffic.p99Ms)} />
          </div>
        </div>
      </Card>
      <Card title="Sandbox pool">
        {!m ? (
          <p className="text-sm text-slate-500">No pool in this process (the deployment is not serving).</p>
        ) : (
          <div className="grid gap-4">
            <div className="grid grid-cols-2 gap-2 md:grid-cols-6" data-testid="pool-metrics">
              <Stat label="Idle / busy" value={`${m.idle} / ${m.busy}`} />
              <Stat label="Starting" value={m.starting} />
              <Stat label="Size min–max" value={`${m.min}–${m.max}`} />
              <Stat label="Claim p50 / p99" value={`${us(m.claimP50Us)} / ${us(m.claimP99Us)}`} />
              <Stat label="Warm-hit rate" value={rate(m.warmHitRate)} />
              <Stat label="Waits (p99)" value={`${m.waits} (${ms(m.waitP99Ms)})`} />
              <Stat label="Wait timeouts" value={m.waitTimeouts} />
              <Stat label="Started" value={m.started} />
              <Stat label="Failed starts" value={m.failed} />
              <Stat label="Replaced" value={m.replaced} />
              <Stat label="Refill breaker" value={m.breaker.open ? 'open' : 'closed'} />
            </div>
            <TimeSeriesChart
              rows={pool.samples.map((s) => ({ t: s.at, idle: s.idle, busy: s.busy, starting: s.starting }))}
              series={[
                { key: 'busy', label: 'busy', color: '#4f46e5' },
                { key: 'idle', label: 'idle', color: '#10b981' },
                { key: 'starting', label: 'starting', color: '#f59e0b', dashed: true },
              ]}
            />
            <Table aria-label="Health checks">
              <THead>
                <Th>Health check</Th>
                <Th>Sandbox</Th>
                <Th>Result</Th>
                <Th>Took</Th>
              </THead>
              <tbody>
                {m.health
                  .slice(-10)
                  .reverse()
                  .map((h) => (
                    <Tr key={`${h.at}-${h.sandboxId}`}>
                      <Td>{ago(new Date(h.at))}</Td>
                      <Td>#{h.sandboxId}</Td>
                      <Td>{h.healthy ? <Badge tone="success">healthy</Badge> : <Badge tone="danger">{h.error}</Badge>}</Td>
                      <Td>{ms(h.ms)}</Td>
                    </Tr>
                  ))}
              </tbody>
            </Table>
          </div>
        )}
      </Card>
      <Card title="Versions">
        <Table aria-label="Versions">
          <THead>
            <Th>Version</Th>
            <Th>Status</Th>
            <Th>Traffic share</Th>
            <Th>Requests · errors (15 min)</Th>
            <Th>p50 / p99</Th>
          </THead>
          <tbody>
            {versions.map((v) => (
              <Tr key={v.id} data-version={v.version} data-status={v.status}>
                <Td>
                  <Link className="text-indigo-700 hover:underline" href={`/p/${projectId}/runtime/${v.id}`}>
                    v{v.version}
                  </Link>{' '}
                  <span className="font-mono text-xs text-slate-500">{v.modelId}</span>
                </Td>
                <Td>
                  <Badge tone={deploymentTone[v.status]}>{v.status}</Badge> <span className="text-xs text-slate-500">{v.statusReason}</span>
                </Td>
                <Td>{v.status === 'starting' || v.status === 'live' ? `${v.trafficPercent}%` : '—'}</Td>
                <Td>
                  {v.traffic.requests} · {v.traffic.errors}
                </Td>
                <Td className="text-xs">
                  {ms(v.traffic.p50Ms)} / {ms(v.traffic.p99Ms)}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </Card>
      <Card title="Recent requests">
        {recent.length === 0 ? (
          <p className="text-sm text-slate-500">No requests yet: try the playground, or call the endpoint with a project API key.</p>
        ) : (
          <Table aria-label="Recent requests">
            <THead>
              <Th>When</Th>
              <Th>Status</Th>
              <Th>Prompt</Th>
              <Th>Answer</Th>
              <Th>Latency</Th>
            </THead>
            <tbody>
              {recent.map((r) => (
                <Tr key={r.id}>
                  <Td className="whitespace-nowrap">{ago(r.createdAt)}</Td>
                  <Td>
                    <Badge tone={r.status < 400 ? 'success' : 'danger'}>{r.status}</Badge>
                  </Td>
                  <Td className="max-w-[18rem] truncate">{r.prompt}</Td>
                  <Td className="max-w-[18rem] truncate">{r.answer ?? r.error}</Td>
                  <Td>{ms(r.latencyMs)}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
