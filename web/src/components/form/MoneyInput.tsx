import { InputNumber, type InputNumberProps } from 'antd';
import { fenToYuan, yuanToFen } from '../../lib/format';

type Props = Omit<InputNumberProps<string>, 'value' | 'onChange' | 'stringMode'> & {
  /** Integer fen, like every amount of the API. */
  value?: number | null;
  onChange?: (fen: number | null) => void;
};

/** A yuan amount typed with up to two decimals, held by the form as integer fen. */
export function MoneyInput({ value, onChange, ...rest }: Props) {
  return (
    <InputNumber<string>
      {...rest}
      stringMode
      min="0"
      precision={2}
      prefix="¥"
      style={{ width: '100%', ...rest.style }}
      value={fenToYuan(value ?? null)}
      onChange={(yuan) => onChange?.(yuan == null || yuan === '' ? null : yuanToFen(yuan))}
    />
  );
}
