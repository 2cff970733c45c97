import { CheckCircleFilled, CloseCircleFilled, QuestionCircleOutlined } from '@ant-design/icons';
import { Progress, Space, Tag, Tooltip } from 'antd';
import { COMPLETENESS_LABELS, CONSENT_CHANNELS, CUSTOMER_SOURCE_LABELS, type Consent, type CompletenessKey, type CustomerSource } from '#contracts/customers';
import { useMe } from '../../app/auth';
import { useLabel, useT } from '../../lib/i18n';
import { CUSTOMER_TEXT, VEHICLE_TEXT } from './text';

export function completenessColor(score: number): string {
  return score >= 80 ? '#52c41a' : score >= 50 ? '#faad14' : '#ff4d4f';
}

/** A file's completeness score as a short bar with its number. */
export function CompletenessBar({ score, width = 72 }: { score: number; width?: number }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }}>
      <Progress percent={score} showInfo={false} size={[width, 6]} strokeColor={completenessColor(score)} style={{ margin: 0, lineHeight: 1 }} />
      <span style={{ minWidth: 24, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{score}</span>
    </span>
  );
}

/** What a file lacks, as tags (手机号, 地址…). */
export function MissingTags({ missing, max = 4 }: { missing: readonly string[]; max?: number }) {
  const label = useLabel();
  const known = missing.filter((m): m is CompletenessKey => m in COMPLETENESS_LABELS);
  if (known.length === 0) return <>—</>;
  const shown = known.slice(0, max);
  const rest = known.slice(max);
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {shown.map((m) => (
        <Tag key={m} style={{ marginInlineEnd: 0 }}>
          {label(COMPLETENESS_LABELS, m)}
        </Tag>
      ))}
      {rest.length ? (
        <Tooltip title={rest.map((m) => label(COMPLETENESS_LABELS, m)).join('、')}>
          <Tag style={{ marginInlineEnd: 0 }}>+{rest.length}</Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}

/** 二级网点 · 双流汽贸 */
export function sourceText(label: ReturnType<typeof useLabel>, source: CustomerSource | null, outletName: string, unknown: string): string {
  if (source === null) return unknown;
  const s = label(CUSTOMER_SOURCE_LABELS, source);
  return source === 'outlet' && outletName ? `${s} · ${outletName}` : s;
}

/** 电话 ✓ 短信 ✗ 微信 ? */
export function ConsentIcons({ consent }: { consent: Consent }) {
  const t = useT(CUSTOMER_TEXT);
  const names = { phone: t('consentPhone'), sms: t('consentSms'), wechat: t('consentWechat') };
  return (
    <Space size={10} wrap>
      {CONSENT_CHANNELS.map((ch) => {
        const v = consent[ch];
        const state = v === null ? t('consentUnknown') : v ? t('consentYes') : t('consentNo');
        return (
          <Tooltip key={ch} title={`${names[ch]}：${state}`}>
            <span style={{ whiteSpace: 'nowrap' }} aria-label={`${names[ch]} ${state}`}>
              {v === null ? (
                <QuestionCircleOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />
              ) : v ? (
                <CheckCircleFilled style={{ color: '#52c41a' }} />
              ) : (
                <CloseCircleFilled style={{ color: '#ff4d4f' }} />
              )}{' '}
              {names[ch]}
            </span>
          </Tooltip>
        );
      })}
    </Space>
  );
}

/** The store's "today", YYYY-MM-DD. */
export function useStoreToday(): string {
  const me = useMe();
  return new Intl.DateTimeFormat('en-CA', { timeZone: me.store.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A maintenance due date, red when passed and orange within 30 days. */
export function DueDate({ date, today }: { date: string | null; today: string }) {
  const t = useT(VEHICLE_TEXT);
  if (!date) return <>—</>;
  const days = daysBetween(today, date);
  if (days < 0) {
    return (
      <span style={{ whiteSpace: 'nowrap' }}>
        {date} <Tag color="red">{t('overdue')}</Tag>
      </span>
    );
  }
  if (days <= 30) {
    return (
      <span style={{ whiteSpace: 'nowrap' }}>
        {date} <Tag color="orange">{t('dueSoon')}</Tag>
      </span>
    );
  }
  return <span style={{ whiteSpace: 'nowrap' }}>{date}</span>;
}
