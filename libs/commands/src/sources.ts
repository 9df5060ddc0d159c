import {
  clientDecider,
  ClientEvent,
  ClientState,
  experimentsDecider,
  ExperimentEvent,
  ExperimentsState,
  partnerDecider,
  PartnerEvent,
  PartnerState,
  priceListDecider,
  PriceListEvent,
  PriceListState,
  saleDecider,
  SaleEvent,
  SaleState,
  streams,
} from '@fresh/domain';

/** A stream and the fold that turns its events into the state a decision reads. */
export interface Source<State, Event> {
  streamId: string;
  initialState(): State;
  evolve(state: State, event: Event): State;
}

const source = <S, E>(
  streamId: string,
  decider: { initialState(): S; evolve(state: S, event: E): S },
): Source<S, E> => ({ streamId, initialState: decider.initialState, evolve: decider.evolve });

export const partnerSource = (id: string): Source<PartnerState, PartnerEvent> =>
  source(streams.partner(id), partnerDecider);
export const clientSource = (id: string): Source<ClientState, ClientEvent> =>
  source(streams.client(id), clientDecider);
export const saleSource = (id: string): Source<SaleState, SaleEvent> =>
  source(streams.sale(id), saleDecider);
export const experimentsSource = (): Source<ExperimentsState, ExperimentEvent> =>
  source(streams.experiments, experimentsDecider);
export const priceListSource = (): Source<PriceListState, PriceListEvent> =>
  source(streams.priceList, priceListDecider);
