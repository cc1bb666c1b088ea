import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Every load run is bounded in time, and in count when `maxRequests` is given. */
  seconds: number;
  maxRequests?: number;
  /** Paths cycled through by each connection (default: the URL's own path). */
  paths?: string[];
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Responses outside 2xx/3xx plus connection errors and timeouts. */
  failed: number;
  statusCodes: Record<string, number>;
}

/** Runs autocannon (GETs) against loopback and reduces its result to the figures the benchmark prints; writes: bench/api-writes.ts. */
export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  const base: Record<string, string> = { accept: 'text/html', ...options.headers };
  const requests = options.paths?.map((path) => ({ path, method: 'GET', headers: base }));
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    amount: options.maxRequests,
    method: 'GET',
    headers: base,
    timeout: 10,
    ...(requests ? { requests } : {}),
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = count;
  const bad = Object.entries(statusCodes)
    .filter(([code]) => Number(code) >= 400)
    .reduce((n, [, c]) => n + c, 0);
  return {
    requests: result.requests.total,
    perSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: bad + result.errors + result.timeouts,
    statusCodes,
  };
}
