import type { Stance } from '@common-ground/shared/rules';

/** A shape per stance, so the stance never depends on colour alone; always next to its written label. */
const PATHS: Record<Stance, string> = {
  agree: 'M3 8.5 6.5 12 13 4.5',
  concerns: 'M8 2.5v7M8 12.5v1',
  stand_aside: 'M3 8h10',
  object: 'M3.5 3.5l9 9M12.5 3.5l-9 9',
};

export function StanceIcon({ stance, size = 18 }: { stance: Stance; size?: number }) {
  return (
    <svg
      className={`stance-icon stance-${stance}`}
      aria-hidden="true"
      viewBox="0 0 16 16"
      width={size}
      height={size}
    >
      <path d={PATHS[stance]} fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
    </svg>
  );
}
