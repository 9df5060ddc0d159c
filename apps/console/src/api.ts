/**
 * The service's API, called with the signed-in key as a bearer header. The key lives only in this
 * module's memory: never in a URL, storage or a cookie; signing out or reloading forgets it.
 */
let key: string | null = null;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const signedIn = () => key !== null;
export const forgetKey = () => {
  key = null;
};

type Params = Record<string, string | number | boolean | undefined | null>;

const url = (path: string, params: Params = {}) => {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') query.set(k, String(v));
  }
  const text = query.toString();
  return `/api/v1${path}${text ? `?${text}` : ''}`;
};

/** A GET, or a POST of `body` as JSON when there is one (a what-if scenario). */
async function call(
  path: string,
  params: Params,
  withKey = key,
  body?: unknown,
): Promise<Response> {
  const response = await fetch(url(path, params), {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${withKey ?? ''}`,
      accept: 'application/json',
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
    throw new ApiError(
      response.status,
      problem.code ?? 'ERROR',
      problem.detail ?? response.statusText,
    );
  }
  return response;
}

export async function getJson<T>(path: string, params: Params = {}): Promise<T> {
  return (await call(path, params)).json() as Promise<T>;
}

/** A question sent as JSON (a what-if scenario; it records nothing). */
export async function postJson<T>(path: string, body: unknown, params: Params = {}): Promise<T> {
  return (await call(path, params, key, body)).json() as Promise<T>;
}

export interface Session {
  /** Rankings and analytics are for analysts and vendors; an auditor sees partners only. */
  canRank: boolean;
  /** The audit pages are for auditors and vendors (the audit routes' roles). */
  canAudit: boolean;
}

/** Whether the key may call a route: false on 403, the failure itself otherwise. */
const allowed = (path: string, params: Params, candidate: string) =>
  call(path, params, candidate).then(
    () => true,
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 403) return false;
      if (error instanceof ApiError && error.status === 503) return true; // a page says why
      throw error;
    },
  );

/** A request with the signed-in key and a body, or read as a stream (a verify's progress). */
export async function send(path: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url(path), {
    ...init,
    headers: { authorization: `Bearer ${key ?? ''}`, 'content-type': 'application/json' },
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
    throw new ApiError(response.status, problem.code ?? 'ERROR', problem.detail ?? '');
  }
  return response;
}

/** Checks the key against the API and keeps it in memory when the console may use it. */
export async function signIn(candidate: string): Promise<Session> {
  await call('/partners', { limit: 1 }, candidate);
  const canRank = await call('/rankings', { limit: 1, asOf: '2014-12-01' }, candidate).then(
    () => true,
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 403) return false;
      throw error;
    },
  );
  const canAudit = await allowed('/audit/refusals', { limit: 1 }, candidate);
  key = candidate;
  return { canRank, canAudit };
}

/** Downloads a file answer (`format=csv|xlsx`) under the name the service gives it. */
export async function download(path: string, params: Params, body?: unknown): Promise<void> {
  const response = await call(path, params, key, body);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'export';
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/* The API's answers the console reads. Money is a decimal string. */
export interface RankingItem {
  rank: number;
  partnerId: string;
  name: string;
  segment: 'csk' | 'non-csk';
  connectedClients: number;
  payingClients: number;
  itsProfConnections: number;
  retail: string;
  discount: string;
  net: string;
  published: boolean;
}
export interface RankingPage {
  asOf: string;
  items: RankingItem[];
  nextCursor?: string | null;
  total?: number;
}
export interface Figures {
  sales: number;
  retail: string;
  discount: string;
  net: string;
  newClients: { itsaas: number; 'its-prof': number };
  activePartners: number;
  partnersReachingTenPayingClients: number;
}
export interface BySegment {
  csk: Figures;
  'non-csk': Figures;
}
export interface Analytics {
  experimentId: string;
  granularity: 'week' | 'month' | 'day';
  window: { from: string; to: string };
  periods: { period: string; from: string; to: string; segments: BySegment }[];
  totals: {
    window: BySegment;
    decisionPeriods: {
      period: string;
      from: string;
      to: string;
      decision: string;
      discountRate: string;
      segments: BySegment;
    }[];
  };
}
export interface Experiment {
  experimentId: string;
  startsOn: string;
  endsOn: string;
  discountRate: string;
  decisions: {
    decision: 'extend' | 'change' | 'terminate';
    decidedOn: string;
    effectiveOn: string;
    newEndsOn?: string;
    newDiscountRate?: string;
  }[];
}
export interface Profile {
  partnerId: string;
  name: string;
  region: string | null;
  registeredOn: string;
  asOf: string;
  standing: {
    segment: 'csk' | 'non-csk';
    astralCertified: boolean;
    obligations: 'fulfilled' | 'breached';
    connectedClients: number;
    payingClients: number;
    sales: number;
    retail: string;
    discount: string;
    net: string;
  };
  rank: { all: number; segment: number };
  published: boolean;
  notPublishedBecause: (
    | { code: 'TOO_FEW_PAYING_CLIENTS'; payingClients: number; required: number }
    | { code: 'OBLIGATIONS_BREACHED'; since: string }
  )[];
  timeline: { status: 'csk' | 'astral' | 'obligations'; on: string; value: boolean | string }[];
  months: {
    month: string;
    sales: number;
    retail: string;
    discount: string;
    net: string;
    newClients: number;
    newPayingClients: number;
  }[];
  clients: {
    clientId: string;
    name: string;
    basis: string;
    connectedOn: string;
    payingSince: string | null;
  }[];
}
