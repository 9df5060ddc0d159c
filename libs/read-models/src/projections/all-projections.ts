import { clientsProjection } from './clients.projection';
import { experimentsProjection } from './experiments.projection';
import { partnersProjection } from './partners.projection';
import { Projection } from './projection';

/** Every read model the service keeps; a replay rebuilds them all. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  partnersProjection,
  clientsProjection,
  experimentsProjection,
];
export const READ_MODEL_COLLECTIONS = ['partners', 'clients', 'experiments'] as const;
