import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'preact/hooks';
import { formatDate } from '../i18n';
import { useApp } from '../state';

export interface ChartPoint {
  /** The first day of the period (ISO). */
  date: string;
  /** The first line's value (CSK unless `lines` names them otherwise). */
  csk: number;
  /** The second line's value (non-CSK unless `lines` names them otherwise). */
  nonCsk: number;
}
export interface ChartMarker {
  date: string;
  label: string;
  /** The window's last day: its label reads leftwards. */
  end?: boolean;
}

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const COLORS = ['#1f5fa8', '#c8611d'];

/**
 * One figure by period, CSK against non-CSK, with the experiment's window and decisions marked on
 * the time axis. An SVG with role="img" and a label; each point and marker carries its own label.
 */
export function TimeChart(props: {
  label: string;
  points: ChartPoint[];
  markers: ChartMarker[];
  domain: [string, string];
  format: (n: number) => string;
  /** The two lines' names: CSK and non-CSK unless given (the what-if: actual and scenario). */
  lines?: [string, string];
}) {
  const { words, lang } = useApp();
  const holder = useRef<HTMLDivElement>(null);
  const [first, second] = props.lines ?? [words.csk, words.nonCsk];
  useEffect(() => {
    const series = [
      { name: first, pick: (p: ChartPoint) => p.csk },
      { name: second, pick: (p: ChartPoint) => p.nonCsk },
    ];
    const data = series.flatMap((s) =>
      props.points.map((p) => ({ date: utc(p.date), value: s.pick(p), segment: s.name })),
    );
    const svg = Plot.plot({
      width: 1100,
      height: 260,
      marginLeft: 90,
      marginTop: 28,
      ariaLabel: props.label,
      x: {
        type: 'utc',
        domain: [utc(props.domain[0]), utc(props.domain[1])],
        label: null,
        tickFormat: (d: Date) => formatDate(iso(d), lang),
      },
      y: { grid: true, label: null, tickFormat: props.format, nice: true, zero: true },
      color: { domain: series.map((s) => s.name), range: COLORS },
      marks: [
        Plot.ruleY([0]),
        Plot.ruleX(props.markers, {
          x: (m: ChartMarker) => utc(m.date),
          stroke: '#555',
          strokeDasharray: '4,3',
          ariaLabel: (m: ChartMarker) => m.label,
          ariaDescription: words.decisions,
        }),
        ...[false, true].map((end) =>
          Plot.text(
            props.markers.filter((m) => Boolean(m.end) === end),
            {
              x: (m: ChartMarker) => utc(m.date),
              text: (m: ChartMarker) => m.label,
              frameAnchor: 'top',
              textAnchor: end ? 'end' : 'start',
              dx: end ? -3 : 3,
              dy: -14,
              fontSize: 10,
              ariaHidden: 'true',
            },
          ),
        ),
        Plot.lineY(data, { x: 'date', y: 'value', stroke: 'segment', ariaHidden: 'true' }),
        ...series.map((s) =>
          Plot.dot(
            data.filter((d) => d.segment === s.name),
            {
              x: 'date',
              y: 'value',
              fill: 'segment',
              r: 3,
              ariaDescription: s.name,
              ariaLabel: (d: { date: Date; value: number }) =>
                `${s.name}, ${formatDate(iso(d.date), lang)}: ${props.format(d.value)}`,
              title: (d: { date: Date; value: number }) =>
                `${s.name}, ${formatDate(iso(d.date), lang)}: ${props.format(d.value)}`,
            },
          ),
        ),
      ],
    });
    svg.setAttribute('role', 'img');
    holder.current?.replaceChildren(svg);
  }, [props.points, props.markers, props.label, lang, first, second]);
  return (
    <div class="chart">
      <div ref={holder} />
      <p class="legend" aria-hidden="true">
        <span style={{ color: COLORS[0] }}>● {first}</span>{' '}
        <span style={{ color: COLORS[1] }}>● {second}</span>{' '}
        <span class="marker">┆ {words.decisions}</span>
      </p>
    </div>
  );
}
