import { useEffect, useRef } from 'react';

/** Popups that own the Esc key while they are open: dropdowns, pickers, dialogs. */
const POPUPS = '.ant-select-dropdown, .ant-picker-dropdown, .ant-dropdown, .ant-modal-wrap, .ant-popover';

/** Shown and not on its way out (a popup keeps its box while its closing animation runs). */
function popupOpen(): boolean {
  return Array.from(document.querySelectorAll(POPUPS)).some((el) => el.getClientRects().length > 0 && !/-(leave|hidden)\b/.test(el.className));
}

/**
 * Esc cancels a form, wherever the focus is inside it. Listened to in the capture phase because
 * some inputs (antd Select) stop the key from bubbling; an open popup takes the Esc first.
 */
export function useEscape(active: boolean, onEscape: () => void): void {
  const handler = useRef(onEscape);
  useEffect(() => {
    handler.current = onEscape;
  });
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.isComposing || popupOpen()) return;
      e.preventDefault();
      // After this key event is over: a confirmation opened now must not receive the same Esc.
      setTimeout(() => handler.current(), 0);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [active]);
}
