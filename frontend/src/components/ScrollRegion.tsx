import type { ReactNode } from "react";

/** A wide table that scrolls sideways inside its own box on a narrow screen, reachable by
 * keyboard (it takes focus) and named for screen readers. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="cp-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
