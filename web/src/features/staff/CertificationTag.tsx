import { Tag, Tooltip } from 'antd';
import type { Certification } from '#contracts/staff';
import { useT } from '../../lib/i18n';
import { certificationState } from './api';
import { STAFF_TEXT } from './text';

const COLORS = { valid: 'green', expiring: 'orange', expired: 'red' } as const;

/** A certificate's name, coloured by state: expired ones stand out in red. */
export function CertificationTag({ cert, today }: { cert: Certification; today: string }) {
  const t = useT(STAFF_TEXT);
  const state = certificationState(cert, today);
  return (
    <Tooltip title={`${t(state)}${cert.expiresOn ? ` · ${t('expiresOn')} ${cert.expiresOn}` : ''}`}>
      <Tag color={COLORS[state]}>
        {cert.name}
        {state === 'valid' ? '' : `（${t(state)}）`}
      </Tag>
    </Tooltip>
  );
}

export function CertificationStateTag({ cert, today }: { cert: Certification; today: string }) {
  const t = useT(STAFF_TEXT);
  const state = certificationState(cert, today);
  return <Tag color={COLORS[state]}>{t(state)}</Tag>;
}
