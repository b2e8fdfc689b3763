import type { HealthResponse } from '@common-ground/shared/api';
import { useEffect, useId, useState } from 'react';
import { useT } from '../i18n/locale';
import { processApi } from './api';
import { HealthList } from './HealthList';
import './process.css';

/** The agreement's appendix: how it came about, as the health check tells it. Left out if it cannot load. */
export function HealthAppendix({ boardId, token }: { boardId: string; token: string }) {
  const t = useT();
  const headingId = useId();
  const [health, setHealth] = useState<HealthResponse | null>(null);
  useEffect(() => {
    let active = true;
    processApi.health(boardId, token).then(
      (loaded) => active && setHealth(loaded),
      // The agreement stands on its own; without the appendix it is still complete.
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [boardId, token]);
  if (!health) return null;
  return (
    <section className="health-appendix" aria-labelledby={headingId} data-testid="health-appendix">
      <h2 id={headingId}>{t('health.appendix')}</h2>
      <p className="hint">{t('health.appendixIntro')}</p>
      <HealthList health={health} headingLevel={3} />
    </section>
  );
}
