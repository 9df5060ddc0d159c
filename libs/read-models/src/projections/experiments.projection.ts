import { op, Projection } from './projection';

export const EXPERIMENTS = 'experiments';

/** One document per experiment: its start terms and its decisions in the order recorded. */
export const experimentsProjection: Projection = {
  name: 'experiments',
  on: {
    ExperimentStarted(event) {
      const { experimentId, ...terms } = event.data;
      return [op(EXPERIMENTS, experimentId, { $set: terms }, event)];
    },
    ExperimentEnded(event) {
      const { experimentId, ...decision } = event.data;
      return [op(EXPERIMENTS, experimentId, { $push: { decisions: decision } }, event)];
    },
  },
};
