import {
  experimentsDecider,
  fold,
  runningExperimentOn,
  DecideExperiment,
  InvalidCommandError,
} from '../src';
import { decided, experimentStarted, TODAY } from './fixtures';
import { given } from './given';

const decide = (data: Omit<DecideExperiment['data'], 'experimentId'>): DecideExperiment => ({
  type: 'DecideExperiment',
  today: TODAY,
  data: { experimentId: 'exp-2014', ...data },
});

describe('experiment decisions', () => {
  it('starts an experiment with its rate in canonical form', () => {
    given(experimentsDecider)
      .when(
        {
          type: 'StartExperiment',
          today: TODAY,
          data: {
            experimentId: 'exp-2014',
            startsOn: '2014-12-08',
            endsOn: '2015-05-31',
            discountRate: '0.2',
          },
        },
        undefined,
      )
      .then([experimentStarted()]);
  });
  it('refuses an experiment id that is taken (ALREADY_EXISTS)', () => {
    given(experimentsDecider, [experimentStarted()])
      .when(
        { type: 'StartExperiment', today: TODAY, data: experimentStarted().data as never },
        undefined,
      )
      .thenRefuses('ALREADY_EXISTS');
  });
  it('refuses a decision on an unknown experiment (EXPERIMENT_NOT_FOUND)', () => {
    given(experimentsDecider)
      .when(decide({ decision: 'terminate', decidedOn: '2015-06-01' }), undefined)
      .thenRefuses('EXPERIMENT_NOT_FOUND');
  });
  it('refuses a decision dated after today (FUTURE_DATE)', () => {
    given(experimentsDecider, [experimentStarted()])
      .when(
        { ...decide({ decision: 'terminate', decidedOn: '2015-06-02' }), today: '2015-06-01' },
        undefined,
      )
      .thenRefuses('FUTURE_DATE');
  });
  it('refuses any decision after a termination (EXPERIMENT_NOT_ACTIVE)', () => {
    given(experimentsDecider, [experimentStarted(), decided('terminate', '2015-03-01')])
      .when(
        decide({ decision: 'extend', decidedOn: '2015-05-20', newEndsOn: '2015-12-31' }),
        undefined,
      )
      .thenRefuses('EXPERIMENT_NOT_ACTIVE');
  });
  it('takes effect on the decision date unless told otherwise', () => {
    given(experimentsDecider, [experimentStarted()])
      .when(
        decide({ decision: 'extend', decidedOn: '2015-05-25', newEndsOn: '2015-12-31' }),
        undefined,
      )
      .then([decided('extend', '2015-05-25', { newEndsOn: '2015-12-31' })]);
  });
  it('refuses an extension that does not move the end later', () => {
    const run = given(experimentsDecider, [experimentStarted()]).when(
      decide({ decision: 'extend', decidedOn: '2015-05-25', newEndsOn: '2015-05-31' }),
      undefined,
    ).result;
    expect(run).toThrow(InvalidCommandError);
  });

  describe('the terms in force follow the decisions made effective by each date', () => {
    // Extended on 25 May to the end of 2015; rate changed to 15 % from 1 September;
    // terminated from 1 November. Recorded out of order on purpose.
    const state = fold(experimentsDecider, [
      experimentStarted(),
      decided('change', '2015-08-20', { effectiveOn: '2015-09-01', newDiscountRate: '0.15' }),
      decided('extend', '2015-05-25', { newEndsOn: '2015-12-31' }),
      decided('terminate', '2015-10-15', { effectiveOn: '2015-11-01' }),
    ]);
    const rateOn = (date: string) =>
      runningExperimentOn(state, date)?.discountRate ?? 'not running';

    it.each([
      ['2014-12-07', 'not running'],
      ['2014-12-08', '0.20'],
      ['2015-05-31', '0.20'],
      ['2015-06-01', '0.20'],
      ['2015-08-31', '0.20'],
      ['2015-09-01', '0.15'],
      ['2015-10-31', '0.15'],
      ['2015-11-01', 'not running'],
      ['2015-12-31', 'not running'],
    ])('on %s: %s', (date, expected) => {
      expect(rateOn(date)).toBe(expected);
    });
  });

  it('leaves a gap when an extension is decided after the window lapsed', () => {
    const state = fold(experimentsDecider, [
      experimentStarted(),
      decided('extend', '2015-06-15', { newEndsOn: '2015-12-31' }),
    ]);
    expect(runningExperimentOn(state, '2015-06-10')).toBeUndefined();
    expect(runningExperimentOn(state, '2015-06-15')?.endsOn).toBe('2015-12-31');
  });

  it('stops non-CSK selling after endsOn when no decision is made', () => {
    const state = fold(experimentsDecider, [experimentStarted()]);
    expect(runningExperimentOn(state, '2015-05-31')?.experimentId).toBe('exp-2014');
    expect(runningExperimentOn(state, '2015-06-01')).toBeUndefined();
  });
});

describe('decisions look forward (RETROACTIVE_DECISION)', () => {
  it.each([
    ['change', { newDiscountRate: '0.15' }],
    ['extend', { newEndsOn: '2015-12-31' }],
    ['terminate', {}],
  ] as const)('refuses a %s decided on 20 August 2015 effective on 19 August', (decision, over) => {
    given(experimentsDecider, [experimentStarted()])
      .when(
        decide({ decision, decidedOn: '2015-08-20', effectiveOn: '2015-08-19', ...over }),
        undefined,
      )
      .thenRefuses('RETROACTIVE_DECISION');
  });
  it('accepts a decision effective on the day it is decided, or later', () => {
    for (const effectiveOn of ['2015-08-20', '2015-09-01']) {
      given(experimentsDecider, [experimentStarted()])
        .when(
          decide({
            decision: 'change',
            decidedOn: '2015-08-20',
            effectiveOn,
            newDiscountRate: '0.15',
          }),
          undefined,
        )
        .then([decided('change', '2015-08-20', { effectiveOn, newDiscountRate: '0.15' })]);
    }
  });
  it('refuses a decision after a termination first (EXPERIMENT_NOT_ACTIVE)', () => {
    given(experimentsDecider, [experimentStarted(), decided('terminate', '2015-03-01')])
      .when(
        decide({ decision: 'terminate', decidedOn: '2015-04-01', effectiveOn: '2015-03-15' }),
        undefined,
      )
      .thenRefuses('EXPERIMENT_NOT_ACTIVE');
  });
});
