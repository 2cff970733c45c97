import { useMemo } from 'react';
import { MASKED_PHONE_PATTERN, OTHER_PHONE_PATTERN } from '#contracts/customers';
import { MESSAGES } from '#contracts/messages';
import { checkVin, MOBILE_PATTERN, normalizePhone, normalizeVin } from '#contracts/vehicle';
import { useLang } from '../../lib/i18n';

type Rule = { validator: (rule: unknown, value: unknown) => Promise<void> };

/**
 * Client-side checks with the same patterns and words as the server (contracts): a mobile, another
 * phone, a VIN. `allowMasked` lets an edit form keep a number it only sees as 138****1234.
 */
export function useCustomerRules() {
  const { lang } = useLang();
  return useMemo(() => {
    const phone = (pattern: RegExp, key: 'phone.invalid' | 'phone.otherInvalid', allowMasked: boolean): Rule => ({
      validator: async (_rule, value) => {
        const v = typeof value === 'string' ? value.trim() : '';
        if (!v) return;
        if (allowMasked && MASKED_PHONE_PATTERN.test(v)) return;
        if (!pattern.test(normalizePhone(v))) throw new Error(MESSAGES[key][lang]);
      },
    });
    return {
      mobile: (allowMasked = false) => phone(MOBILE_PATTERN, 'phone.invalid', allowMasked),
      otherPhone: (allowMasked = false) => phone(OTHER_PHONE_PATTERN, 'phone.otherInvalid', allowMasked),
      vin: {
        validator: async (_rule: unknown, value: unknown) => {
          const v = typeof value === 'string' ? normalizeVin(value) : '';
          if (!v) return;
          const problem = checkVin(v);
          if (problem) throw new Error(MESSAGES[problem][lang]);
        },
      } satisfies Rule,
    };
  }, [lang]);
}
