import { Space, TimePicker } from 'antd';
import dayjs from 'dayjs';

/** A 24-hour `HH:mm` time held by the form as that string. */
export function TimeInput({ value, onChange, disabled, id }: { value?: string | null; onChange?: (v: string | null) => void; disabled?: boolean; id?: string }) {
  return (
    <TimePicker
      id={id}
      format="HH:mm"
      minuteStep={5}
      needConfirm={false}
      disabled={disabled}
      value={value ? dayjs(`2000-01-01T${value}`) : null}
      onChange={(d) => onChange?.(d ? d.format('HH:mm') : null)}
      style={{ width: 110 }}
    />
  );
}

type Range<A extends string, B extends string> = Record<A | B, string>;

/**
 * Two times as one value, e.g. opening hours `{ opens, closes }` or quiet hours `{ from, to }`
 * (which may run past midnight, so no order is imposed here; the server checks where it matters).
 */
export function TimeRangeInput<A extends string, B extends string>(props: {
  keys: [A, B];
  value?: Range<A, B>;
  onChange?: (v: Range<A, B>) => void;
  disabled?: boolean;
  separator: string;
}) {
  const [a, b] = props.keys;
  const set = (key: A | B, v: string | null) => props.onChange?.({ ...(props.value as Range<A, B>), [key]: v ?? '' });
  return (
    <Space size={8} align="center">
      <TimeInput value={props.value?.[a]} onChange={(v) => set(a, v)} disabled={props.disabled} />
      <span style={{ color: 'rgba(0,0,0,0.45)' }}>{props.separator}</span>
      <TimeInput value={props.value?.[b]} onChange={(v) => set(b, v)} disabled={props.disabled} />
    </Space>
  );
}
