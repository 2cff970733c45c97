import { Button, Modal } from 'antd';
import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
import { useT } from '../../lib/i18n';
import { RO_TEXT } from './text';

const WIDTH = 520;
const HEIGHT = 200;

/**
 * A signature drawn with the mouse, a finger or a pen (pointer events cover all three). The canvas
 * keeps the device's pixel ratio for a crisp line and gives a PNG data URL, or null while empty.
 */
export function SignaturePad({ onChange, width = WIDTH, height = HEIGHT }: { onChange: (png: string | null) => void; width?: number; height?: number }) {
  const t = useT(RO_TEXT);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [empty, setEmpty] = useState(true);

  const setup = useCallback(() => {
    const c = canvas.current;
    if (!c) return;
    // A PNG of the size the customer sees keeps the data URL well under the API's limit.
    c.width = width;
    c.height = height;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
  }, [width, height]);

  useEffect(setup, [setup]);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - box.left) / box.width) * width, y: ((e.clientY - box.top) / box.height) * height };
  };

  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    last.current = point(e);
    const ctx = e.currentTarget.getContext('2d');
    if (ctx && last.current) {
      ctx.beginPath();
      ctx.arc(last.current.x, last.current.y, 1.2, 0, Math.PI * 2);
      ctx.fillStyle = '#111';
      ctx.fill();
    }
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = e.currentTarget.getContext('2d');
    const p = point(e);
    if (ctx && last.current) {
      ctx.beginPath();
      ctx.moveTo(last.current.x, last.current.y);
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
    }
    last.current = p;
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    last.current = null;
    setEmpty(false);
    onChange(canvas.current?.toDataURL('image/png') ?? null);
  };

  const clear = () => {
    setup();
    setEmpty(true);
    onChange(null);
  };

  return (
    <div className="sig-pad">
      <canvas
        ref={canvas}
        className="sig-canvas"
        style={{ width: '100%', maxWidth: width, aspectRatio: `${width} / ${height}` }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onPointerLeave={up}
        data-testid="signature-pad"
        aria-label={t('signHere')}
      />
      <div className="sig-foot">
        <span className="form-hint">{empty ? t('signHere') : t('signDone')}</span>
        <Button size="small" onClick={clear} disabled={empty}>
          {t('signClear')}
        </Button>
      </div>
    </div>
  );
}

interface SignDialogProps {
  open: boolean;
  title: string;
  /** What the customer confirms by signing. */
  statement: string;
  onCancel: () => void;
  /** A PNG data URL, or null for a signature on the paper form. */
  onSign: (signature: string | null) => Promise<unknown>;
  /** Offer 纸质签字 (the paper form was signed instead). */
  allowPaper?: boolean;
}

/** The customer signs on the screen, or on the printed form (纸质签字); one click either way. */
export function SignDialog({ open, title, statement, onCancel, onSign, allowPaper = true }: SignDialogProps) {
  const t = useT(RO_TEXT);
  const [png, setPng] = useState<string | null>(null);
  const [busy, setBusy] = useState<'screen' | 'paper' | null>(null);
  // A fresh pad every time the dialog opens.
  const [generation, setGeneration] = useState(0);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setPng(null);
      setGeneration((g) => g + 1);
    }
  }

  const run = async (kind: 'screen' | 'paper') => {
    if (busy) return;
    setBusy(kind);
    try {
      await onSign(kind === 'paper' ? null : png);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      width={600}
      onCancel={busy ? undefined : onCancel}
      maskClosable={false}
      destroyOnHidden
      footer={
        <div style={{ display: 'flex', gap: 8 }}>
          {allowPaper ? (
            <Button loading={busy === 'paper'} disabled={busy === 'screen'} onClick={() => void run('paper')} data-testid="sign-paper">
              {t('signPaper')}
            </Button>
          ) : null}
          <div style={{ flex: 1 }} />
          <Button onClick={onCancel} disabled={busy !== null}>
            {t('cancel')}
          </Button>
          <Button type="primary" disabled={!png || busy === 'paper'} loading={busy === 'screen'} onClick={() => void run('screen')} data-testid="sign-confirm">
            {t('signConfirm')}
          </Button>
        </div>
      }
    >
      <p style={{ marginTop: 0 }}>{statement}</p>
      <SignaturePad key={generation} onChange={setPng} />
    </Modal>
  );
}
