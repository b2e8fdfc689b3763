import { useEffect } from 'react';
import { Link } from 'wouter';
import { Shell } from '../app/Shell';
import { BoardPage } from '../board/BoardPage';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { HealthList } from './HealthList';
import { ProcessStepper } from './ProcessStepper';
import { useHealth } from './useHealth';
import './process.css';

/** /b/:boardId/health — the health check of the board, live, with every figure explained. */
export function HealthPage({ boardId }: { boardId: string }) {
  return (
    <BoardPage boardId={boardId}>
      <HealthView />
    </BoardPage>
  );
}

function HealthView() {
  const t = useT();
  const { boardId, role } = useBoardContext();
  const title = useBoard((s) => s.title);
  const health = useHealth();
  useEffect(() => {
    document.title = `${t('health.heading')} – ${title || t('app.name')}`;
  }, [title, t]);
  return (
    <Shell
      actions={
        <>
          <Link href={`/b/${boardId}`} className="button subtle" data-testid="back-to-board">
            {t('transparency.backToBoard')}
          </Link>
          {role === 'facilitator' && (
            <Link href={`/b/${boardId}/report`} className="button secondary" data-testid="report-link">
              {t('report.link')}
            </Link>
          )}
        </>
      }
    >
      <div className="page health-page" data-testid="health-page">
        <p className="transparency-board">{title}</p>
        <h1>{t('health.heading')}</h1>
        <p className="health-intro">{t('health.intro')}</p>
        <ProcessStepper />
        {health.error && (
          <p className="alert" role="alert">
            {t(health.error)}
          </p>
        )}
        {!health.data && !health.error && <p role="status">{t('health.loading')}</p>}
        {health.data && <HealthList health={health.data} />}
      </div>
    </Shell>
  );
}
