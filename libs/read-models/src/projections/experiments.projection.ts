import { DomainEvent } from '@fresh/domain';
import { RecordedEvent } from '@fresh/event-store';
import { op, Projection } from './projection';

export const EXPERIMENTS = 'experiments';

/** One document per experiment: its start terms and its decisions in the order recorded. */
export const experimentsProjection: Projection = {
  name: 'experiments',
  project(recorded: RecordedEvent) {
    const event = recorded as unknown as DomainEvent & RecordedEvent;
    switch (event.type) {
      case 'ExperimentStarted': {
        const { experimentId, ...terms } = event.data;
        return [op(EXPERIMENTS, experimentId, { $set: terms }, recorded)];
      }
      case 'ExperimentEnded': {
        const { experimentId, ...decision } = event.data;
        return [op(EXPERIMENTS, experimentId, { $push: { decisions: decision } }, recorded)];
      }
      default:
        return [];
    }
  },
};
