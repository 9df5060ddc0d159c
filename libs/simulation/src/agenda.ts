import { addDays } from '@fresh/domain';
import { SeededRandom } from './seeded-random';

/** One command the simulation will send, on its business date. */
export interface Action {
  date: string;
  /** Orders actions of one day: setup, then connections, sales, payments. */
  phase: number;
  kind: ActionKind;
  data: Record<string, unknown>;
}

export type ActionKind =
  | 'RegisterPartner'
  | 'CertifyPartner'
  | 'GrantAstralCertification'
  | 'ChangeObligations'
  | 'PublishPriceList'
  | 'StartExperiment'
  | 'DecideExperiment'
  | 'ConnectClient'
  | 'ConnectReporting'
  | 'EnableService'
  | 'MigrateClient'
  | 'SellSubscription'
  | 'RecordPayment';

export interface SimulationOptions {
  partners: number;
  clients: number;
  seed: number;
  from: string;
  to: string;
}

const POSITIONS = [
  { code: 'BP-1-1', name: 'Бухгалтерия предприятия, 1 место, 1 месяц', price: 99_900 },
  { code: 'BP-5-12', name: 'Бухгалтерия предприятия, 5 мест, 12 месяцев', price: 1_234_567 },
  { code: 'UT-1-1', name: 'Управление торговлей, 1 место, 1 месяц', price: 99_950 },
  { code: 'UT-3-12', name: 'Управление торговлей, 3 места, 12 месяцев', price: 2_150_000 },
  { code: 'ZUP-1-1', name: 'Зарплата и управление персоналом, 1 место, 1 месяц', price: 89_900 },
  { code: 'UNF-2-6', name: 'Управление нашей фирмой, 2 места, 6 месяцев', price: 540_000 },
];
const SERVICES = ['exchange', 'autonomous-workstation', 'customization'];
const VALID_INNS = ['7707083893', '500100732259', '5001007329', '771234567859'];

/**
 * The experiment period as a list of commands in business-date order, shaped like the real
 * programme: a CSK minority, sales heavy-tailed across partners (Zipf), certifications arriving
 * during the period, payments lagging sales by days to weeks (some never), ITS PROF connections,
 * mechanisms asked for by non-CSK partners, and the extension decided at the end of May 2015.
 */
export function planAgenda(options: SimulationOptions): Action[] {
  const rng = new SeededRandom(options.seed);
  const { from, to } = options;
  const actions: Action[] = [];
  const at = (date: string, phase: number, kind: ActionKind, data: Record<string, unknown>) => {
    if (date >= from && date <= to) actions.push({ date, phase, kind, data });
  };
  const pad = (n: number, width: number) => String(n).padStart(width, '0');

  at(from, 0, 'PublishPriceList', {
    effectiveFrom: from,
    cskDiscountRate: '0.50',
    positions: POSITIONS.map((p) => ({ code: p.code, name: p.name, retailPrice: p.price })),
  });
  at('2015-07-01', 0, 'PublishPriceList', {
    effectiveFrom: '2015-07-01',
    cskDiscountRate: '0.45',
    positions: POSITIONS.map((p) => ({
      code: p.code,
      name: p.name,
      retailPrice: Math.round(p.price * 1.1),
    })),
  });
  at(from, 0, 'StartExperiment', {
    experimentId: 'exp-2014',
    startsOn: '2014-12-08',
    endsOn: '2015-05-31',
    discountRate: '0.20',
  });
  at('2015-05-25', 0, 'DecideExperiment', {
    experimentId: 'exp-2014',
    decision: 'extend',
    decidedOn: '2015-05-25',
    newEndsOn: '2015-12-31',
  });

  const partnerIds: string[] = [];
  const weights: number[] = [];
  for (let i = 0; i < options.partners; i++) {
    const partnerId = `P${pad(i + 1, 5)}`;
    partnerIds.push(partnerId);
    const foreign = rng.chance(0.02);
    at(from, 0, 'RegisterPartner', {
      partnerId,
      name: `Партнёр ${i + 1}`,
      country: foreign ? rng.pick(['KZ', 'BY', 'UZ']) : 'RU',
      franchisee: !rng.chance(0.01),
    });
    const certify = (certifiedOn: string) =>
      at(certifiedOn < from ? from : certifiedOn, 1, 'CertifyPartner', {
        partnerId,
        certifiedOn,
        certifiedSpecialists: rng.int(1, 6),
        responsibleEmployee: `Сотрудник ${i + 1}`,
        supportCommitment: true,
      });
    if (rng.chance(0.12)) certify(rng.dateBetween('2013-01-01', addDays(from, -1)));
    else if (rng.chance(0.05)) certify(rng.dateBetween(from, to));
    if (rng.chance(0.25)) {
      const certifiedOn = rng.dateBetween(addDays(from, -60), to);
      at(certifiedOn < from ? from : certifiedOn, 1, 'GrantAstralCertification', {
        partnerId,
        certifiedOn,
      });
    }
    if (rng.chance(0.04)) {
      const since = rng.dateBetween(from, to);
      at(since, 1, 'ChangeObligations', { partnerId, status: 'breached', since });
      if (rng.chance(0.5)) {
        const again = addDays(since, rng.int(20, 120));
        at(again, 1, 'ChangeObligations', { partnerId, status: 'fulfilled', since: again });
      }
    }
    weights.push(1 / Math.pow(i + 1, 1.1));
  }
  // Heavy tail: partner ranks are shuffled so the big ones are anywhere in the list.
  for (let i = weights.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [weights[i], weights[j]] = [weights[j], weights[i]];
  }
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
  const total = cumulative.at(-1) ?? 1;
  const partnerFor = () => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return partnerIds[lo];
  };

  let sales = 0;
  for (let j = 0; j < options.clients; j++) {
    const clientId = `C${pad(j + 1, 6)}`;
    const partnerId = partnerFor();
    const connectedOn = rng.dateBetween(from, to);
    const itsProf = rng.chance(0.08);
    at(connectedOn, 2, 'ConnectClient', {
      clientId,
      partnerId,
      inn: rng.chance(0.003) ? '7707083894' : rng.pick(VALID_INNS),
      name: `Организация ${j + 1}`,
      application: rng.pick([
        'Бухгалтерия предприятия',
        'Управление торговлей',
        'Зарплата и управление персоналом',
      ]),
      workplaces: rng.int(1, 15),
      basis: itsProf ? 'its-prof' : 'itsaas',
      ...(itsProf && {
        itsProfContract: {
          number: `ИТС-${j + 1}`,
          validUntil: addDays(connectedOn, rng.chance(0.9) ? rng.int(30, 365) : -rng.int(1, 10)),
        },
      }),
      connectedOn,
    });
    const buys = itsProf
      ? rng.chance(0.2)
        ? 1
        : 0
      : 1 + (rng.chance(0.4) ? 1 : 0) + (rng.chance(0.15) ? 1 : 0);
    let soldOn = addDays(connectedOn, rng.int(0, 5));
    for (let k = 0; k < buys; k++) {
      const saleId = `S${pad(++sales, 7)}`;
      at(soldOn, 3, 'SellSubscription', {
        saleId,
        partnerId,
        clientId,
        positionCode: rng.chance(0.003) ? 'BP-OLD' : rng.pick(POSITIONS).code,
        quantity: rng.chance(0.7) ? 1 : rng.int(2, 5),
        soldOn,
      });
      if (rng.chance(0.88)) {
        const paidOn = addDays(soldOn, rng.int(3, 30));
        at(paidOn, 4, 'RecordPayment', { saleId, paidOn, amount: rng.int(10_000, 2_000_000) });
      }
      soldOn = addDays(soldOn, rng.int(25, 95));
    }
    if (rng.chance(0.03)) {
      const on = addDays(connectedOn, rng.int(1, 60));
      at(on, 3, 'ConnectReporting', { clientId, partnerId, connectedOn: on });
    }
    if (rng.chance(0.02)) {
      const on = addDays(connectedOn, rng.int(1, 90));
      at(on, 3, 'EnableService', {
        clientId,
        partnerId,
        service: rng.pick(SERVICES),
        enabledOn: on,
      });
    }
    if (rng.chance(0.015)) {
      const away = addDays(connectedOn, rng.int(30, 200));
      at(away, 3, 'MigrateClient', {
        clientId,
        partnerId,
        direction: 'to-local',
        migratedOn: away,
      });
      if (rng.chance(0.5)) {
        const back = addDays(away, rng.int(10, 90));
        at(back, 3, 'MigrateClient', {
          clientId,
          partnerId,
          direction: 'to-service',
          migratedOn: back,
        });
      }
    }
  }
  // Stable sort: the same seed gives the same order.
  return actions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.phase - b.phase));
}
