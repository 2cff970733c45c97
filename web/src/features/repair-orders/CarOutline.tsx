import type { MouseEvent } from 'react';
import type { DamageMark } from '#contracts/repair-orders';

/** Marks are placed in percent of this box (0–100 % of its width and height). */
const W = 200;
const H = 400;

interface Props {
  marks: readonly DamageMark[];
  /** Clicks on the outline add a mark there (x, y in percent); absent = read-only. */
  onAdd?: (x: number, y: number) => void;
  /** The mark being edited, drawn highlighted. */
  selected?: number | null;
  onSelect?: (index: number) => void;
  /** Words printed at the front and the rear. */
  front: string;
  rear: string;
  height?: number;
  /** Black on white for the printed forms. */
  print?: boolean;
  label?: string;
}

/**
 * The car seen from above (front at the top) for the walk-around check (环车检查): a click adds a
 * damage mark at that point; marks are numbered in the order they were added, like on the paper form.
 */
export function CarOutline({ marks, onAdd, selected = null, onSelect, front, rear, height = 300, print = false, label }: Props) {
  const stroke = print ? '#000' : '#5b6b82';
  const fill = print ? '#fff' : '#f4f7fb';
  const glass = print ? '#fff' : '#dde7f3';
  const markColour = print ? '#000' : '#d4380d';

  const click = (e: MouseEvent<SVGSVGElement>) => {
    if (!onAdd) return;
    const box = e.currentTarget.getBoundingClientRect();
    const x = Math.round(((e.clientX - box.left) / box.width) * 1000) / 10;
    const y = Math.round(((e.clientY - box.top) / box.height) * 1000) / 10;
    onAdd(Math.min(100, Math.max(0, x)), Math.min(100, Math.max(0, y)));
  };

  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      style={{ height, width: (height * W) / H, cursor: onAdd ? 'crosshair' : 'default', display: 'block', touchAction: 'manipulation' }}
      onClick={click}
      role={onAdd ? 'button' : 'img'}
      aria-label={label}
      data-testid="car-outline"
    >
      <text x={W / 2} y={14} textAnchor="middle" fontSize={12} fill={stroke}>
        {front}
      </text>
      <text x={W / 2} y={H - 4} textAnchor="middle" fontSize={12} fill={stroke}>
        {rear}
      </text>
      {/* wheels */}
      {[
        [30, 78],
        [150, 78],
        [30, 290],
        [150, 290],
      ].map(([x, y]) => (
        <rect key={`${x}-${y}`} x={x} y={y} width={20} height={52} rx={6} fill={print ? '#fff' : '#3d4656'} stroke={stroke} strokeWidth={1.5} />
      ))}
      {/* mirrors */}
      <path d="M 44 140 l -18 -6 l 0 14 z" fill={fill} stroke={stroke} strokeWidth={1.5} />
      <path d="M 156 140 l 18 -6 l 0 14 z" fill={fill} stroke={stroke} strokeWidth={1.5} />
      {/* body */}
      <path
        d="M 100 22 C 146 22 158 34 160 70 L 162 150 L 162 300 C 162 352 152 376 100 378 C 48 376 38 352 38 300 L 38 150 L 40 70 C 42 34 54 22 100 22 Z"
        fill={fill}
        stroke={stroke}
        strokeWidth={2}
      />
      {/* hood lines */}
      <path d="M 62 40 C 70 90 72 110 74 128" fill="none" stroke={stroke} strokeWidth={1} opacity={0.6} />
      <path d="M 138 40 C 130 90 128 110 126 128" fill="none" stroke={stroke} strokeWidth={1} opacity={0.6} />
      {/* windscreen, roof, rear window */}
      <path d="M 56 140 C 80 124 120 124 144 140 L 138 170 C 114 162 86 162 62 170 Z" fill={glass} stroke={stroke} strokeWidth={1.5} />
      <rect x={60} y={174} width={80} height={104} rx={10} fill={fill} stroke={stroke} strokeWidth={1.5} />
      <path d="M 62 284 C 86 292 114 292 138 284 L 144 318 C 120 330 80 330 56 318 Z" fill={glass} stroke={stroke} strokeWidth={1.5} />
      {/* side windows and doors */}
      <path d="M 48 150 L 56 172 L 56 282 L 48 300" fill="none" stroke={stroke} strokeWidth={1.2} />
      <path d="M 152 150 L 144 172 L 144 282 L 152 300" fill="none" stroke={stroke} strokeWidth={1.2} />
      <line x1={38} y1={226} x2={58} y2={226} stroke={stroke} strokeWidth={1} />
      <line x1={142} y1={226} x2={162} y2={226} stroke={stroke} strokeWidth={1} />
      {/* lights */}
      <path d="M 52 34 q 10 -6 22 -8" fill="none" stroke={stroke} strokeWidth={3} opacity={0.6} />
      <path d="M 148 34 q -10 -6 -22 -8" fill="none" stroke={stroke} strokeWidth={3} opacity={0.6} />
      <path d="M 50 364 q 10 8 22 10" fill="none" stroke={stroke} strokeWidth={3} opacity={0.6} />
      <path d="M 150 364 q -10 8 -22 10" fill="none" stroke={stroke} strokeWidth={3} opacity={0.6} />
      {marks.map((m, i) => {
        const cx = (m.x / 100) * W;
        const cy = (m.y / 100) * H;
        const active = selected === i;
        return (
          <g
            key={i}
            onClick={(e) => {
              if (!onSelect) return;
              e.stopPropagation();
              onSelect(i);
            }}
            style={{ cursor: onSelect ? 'pointer' : undefined }}
            data-testid="damage-mark"
          >
            <circle cx={cx} cy={cy} r={active ? 11 : 9} fill={print ? '#fff' : active ? '#fff1e8' : '#fff'} stroke={markColour} strokeWidth={active ? 3 : 2} />
            <text x={cx} y={cy + 4} textAnchor="middle" fontSize={11} fontWeight={700} fill={markColour}>
              {i + 1}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
