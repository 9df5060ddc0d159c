import { defineProjection, op } from './projection';

export const EXPERIMENTS = 'experiments';

/** One document per experiment: its start terms and its decisions in the order recorded. */
export const experimentsProjection = defineProjection({
  name: 'experiments',
  writes: { $set: ['startsOn', 'endsOn', 'discountRate'], $push: ['decisions'] },
  on: {
    ExperimentStarted(event) {
      const { experimentId, startsOn, endsOn, discountRate } = event.data;
      return [op(EXPERIMENTS, experimentId, { $set: { startsOn, endsOn, discountRate } }, event)];
    },
    ExperimentEnded(event) {
      const { experimentId, ...decision } = event.data;
      return [op(EXPERIMENTS, experimentId, { $push: { decisions: decision } }, event)];
    },
  },
});
