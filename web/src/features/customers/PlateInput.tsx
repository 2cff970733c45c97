import { Input, Select, Space } from 'antd';
import { useState } from 'react';
import { isValidPlate, normalizePlate, PROVINCES } from '#contracts/vehicle';
import { MESSAGES } from '#contracts/messages';
import { useLang, useT } from '../../lib/i18n';
import { VEHICLE_TEXT } from './text';

const PROVINCE_CHARS = Array.from(PROVINCES);
const PROVINCE_OPTIONS = PROVINCE_CHARS.map((p) => ({ value: p, label: p }));
const LAST_PROVINCE = 'aftersales.plateProvince';

function lastProvince(): string | undefined {
  try {
    const p = localStorage.getItem(LAST_PROVINCE);
    return p && PROVINCE_CHARS.includes(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

function rememberProvince(p: string) {
  try {
    localStorage.setItem(LAST_PROVINCE, p);
  } catch {
    // private mode: nothing to remember
  }
}

function split(value: string | null | undefined): { province?: string; rest: string } {
  const v = value ?? '';
  const first = v.charAt(0);
  return PROVINCE_CHARS.includes(first) ? { province: first, rest: v.slice(1) } : { rest: v };
}

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string) => void;
  disabled?: boolean;
  autoFocus?: boolean;
}

/**
 * A licence plate as people type it (UX.md): the province abbreviation from a picker (remembered
 * for the next car), the rest in any case with or without the dot. The value is the whole plate;
 * the server stores it normalised (川A12345) and lists show it as 川A·12345.
 */
export function PlateInput({ id, value, onChange, disabled, autoFocus }: Props) {
  const t = useT(VEHICLE_TEXT);
  const parts = split(value);
  const [chosen, setChosen] = useState<string | undefined>(() => parts.province ?? lastProvince());
  const province = parts.province ?? chosen;

  const emit = (p: string | undefined, rest: string) => {
    onChange?.(rest.trim() === '' ? '' : `${p ?? ''}${rest}`);
  };

  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select<string>
        aria-label={t('province')}
        value={province}
        placeholder={t('province')}
        options={PROVINCE_OPTIONS}
        showSearch={{ optionFilterProp: 'label' }}
        disabled={disabled}
        style={{ width: 72, flex: 'none' }}
        popupMatchSelectWidth={false}
        styles={{ popup: { root: { width: 232 } } }}
        onChange={(p) => {
          setChosen(p);
          rememberProvince(p);
          emit(p, parts.rest);
        }}
      />
      <Input
        id={id}
        value={parts.rest.toUpperCase()}
        disabled={disabled}
        autoFocus={autoFocus}
        autoComplete="off"
        maxLength={10}
        placeholder="A12345"
        onChange={(e) => {
          const typed = e.target.value;
          // A whole plate pasted or typed with its province character: move that to the picker.
          const again = split(typed.trim());
          if (again.province) {
            setChosen(again.province);
            rememberProvince(again.province);
            emit(again.province, again.rest.toUpperCase());
          } else {
            emit(province, typed.toUpperCase());
          }
        }}
      />
    </Space.Compact>
  );
}

/** Form rule: empty, or a plate that `isValidPlate` accepts; the message in plain Chinese. */
export function usePlateRule(required = false) {
  const { lang } = useLang();
  return {
    validator: async (_: unknown, value: string | null | undefined) => {
      const v = normalizePlate(value ?? '');
      if (!v) {
        if (required) throw new Error(MESSAGES['plate.invalid'][lang]);
        return;
      }
      if (!isValidPlate(v)) throw new Error(MESSAGES['plate.invalid'][lang]);
    },
  };
}
