import { useApp } from '../state';

export type SegmentChoice = 'all' | 'csk' | 'non-csk';

export function SegmentField(props: {
  value: SegmentChoice;
  onChange: (s: SegmentChoice) => void;
}) {
  const { words } = useApp();
  return (
    <label>
      {words.segment}{' '}
      <select
        value={props.value}
        onChange={(e) => props.onChange((e.target as HTMLSelectElement).value as SegmentChoice)}
      >
        <option value="all">{words.allSegments}</option>
        <option value="csk">{words.csk}</option>
        <option value="non-csk">{words.nonCsk}</option>
      </select>
    </label>
  );
}
