import { PrinterOutlined } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useMe } from '../../app/auth';
import { useT } from '../../lib/i18n';
import './print.css';

const TEXT = {
  print: { zh: '打印', en: 'Print' },
  preview: { zh: '打印预览', en: 'Print preview' },
  page: { zh: '第 {n} 页 / 共 {total} 页', en: 'Page {n} of {total}' },
  signDate: { zh: '日期', en: 'Date' },
};

export interface PrintSheet<R> {
  title: string;
  /** Lines under the title: document number, date, scope… */
  meta: ReactNode[];
  /** Column headers; `num` right-aligns, `blank` leaves room to write in. */
  columns: { title: string; num?: boolean; blank?: boolean; width?: string }[];
  rows: R[];
  cells: (row: R, index: number) => ReactNode[];
  /** Rows per A4 page (the table is split; every page repeats the header). */
  perPage?: number;
  /** Signature lines at the foot of every page: 发料人、领料人… */
  signatures: string[];
  /** Printed at the bottom left of every page (printed at …). */
  footNote?: string;
}

function chunk<R>(rows: R[], size: number): R[][] {
  if (rows.length === 0) return [[]];
  const out: R[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** The A4 pages of a sheet: store header, title, the table split over pages, signatures, page numbers. */
export function PrintPages<R>({ sheet }: { sheet: PrintSheet<R> }) {
  const me = useMe();
  const t = useT(TEXT);
  const perPage = sheet.perPage ?? 28;
  const pages = chunk(sheet.rows, perPage);
  return (
    <>
      {pages.map((rows, p) => {
        const start = p * perPage;
        return (
          <div className="print-page" key={p}>
            <div className="print-head">
              <div className="print-store">{me.store.name}</div>
              <div className="print-title">{sheet.title}</div>
            </div>
            <div className="print-meta">
              {sheet.meta.map((m, i) => (
                <span key={i}>{m}</span>
              ))}
            </div>
            <div className="print-body">
              <table className="print-table">
                <thead>
                  <tr>
                    {sheet.columns.map((c, i) => (
                      <th key={i} className={c.num ? 'num' : undefined} style={c.width ? { width: c.width } : undefined}>
                        {c.title}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, i) => (
                    <tr key={i}>
                      {sheet.cells(row, start + i).map((cell, k) => (
                        <td key={k} className={sheet.columns[k]?.num ? 'num' : sheet.columns[k]?.blank ? 'blank' : undefined}>
                          {cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="print-signs">
              {sheet.signatures.map((s) => (
                <div key={s}>
                  {s}：<span className="line" />
                </div>
              ))}
              <div>
                {t('signDate')}：<span className="line" />
              </div>
            </div>
            <div className="print-foot">
              <span>{sheet.footNote ?? ''}</span>
              <span>{t('page', { n: p + 1, total: pages.length })}</span>
            </div>
          </div>
        );
      })}
    </>
  );
}

/**
 * A print preview in a modal (A4 pages on grey) with a print button; printing shows only the
 * pages (everything else of the app is hidden by the print style sheet).
 */
export function PrintPreview<R>({ open, onClose, sheet }: { open: boolean; onClose: () => void; sheet: PrintSheet<R> | null }) {
  const t = useT(TEXT);
  if (!open || !sheet) return null;
  return (
    <>
      <Modal
        open
        className="print-preview"
        title={`${t('preview')}：${sheet.title}`}
        width="calc(210mm + 64px)"
        onCancel={onClose}
        footer={[
          <Button key="close" onClick={onClose}>
            {t('close')}
          </Button>,
          <Button key="print" type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('print')}
          </Button>,
        ]}
      >
        <PrintPages sheet={sheet} />
      </Modal>
      {createPortal(
        <div className="print-portal">
          <PrintPages sheet={sheet} />
        </div>,
        document.body,
      )}
    </>
  );
}
