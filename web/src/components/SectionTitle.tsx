import type { ReactNode } from 'react';

/** A heading inside a form or drawer, with an optional line of explanation. */
export function SectionTitle({ children, hint }: { children: ReactNode; hint?: ReactNode }) {
  return (
    <div className="section-title">
      <div className="section-title-text">{children}</div>
      {hint ? <div className="form-hint">{hint}</div> : null}
    </div>
  );
}
