import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { useT } from '../i18n/locale';
import { JoinPage } from '../join/JoinPage';
import { LandingPage } from '../landing/LandingPage';
import { TRANSPARENCY_VIEWS } from '../network/views';
import { Shell } from './Shell';

// The board brings Yjs, drag and drop and QR codes; people on the join page's phone should not wait for them.
const BoardPage = lazy(() => import('../board/BoardPage').then((m) => ({ default: m.BoardPage })));
const PresentPage = lazy(() => import('../present/PresentPage').then((m) => ({ default: m.PresentPage })));
const TransparencyPage = lazy(() =>
  import('../network/TransparencyPage').then((m) => ({ default: m.TransparencyPage })),
);
const HealthPage = lazy(() => import('../process/HealthPage').then((m) => ({ default: m.HealthPage })));
const ReportPage = lazy(() => import('../process/ReportPage').then((m) => ({ default: m.ReportPage })));
const AgreementPage = lazy(() =>
  import('../agreement/AgreementPage').then((m) => ({ default: m.AgreementPage })),
);

export function App() {
  return (
    <Switch>
      <Route path="/" component={LandingPage} />
      <Route path="/join/:code">{(params) => <JoinPage code={params.code} />}</Route>
      <Route path="/b/:boardId/present">
        {(params) => (
          <Suspense fallback={<Loading />}>
            <PresentPage key={params.boardId} boardId={params.boardId} />
          </Suspense>
        )}
      </Route>
      {TRANSPARENCY_VIEWS.map((view) => (
        <Route key={view} path={`/b/:boardId/${view}`}>
          {(params) => (
            <Suspense fallback={<Loading />}>
              <TransparencyPage key={params.boardId} boardId={params.boardId} view={view} />
            </Suspense>
          )}
        </Route>
      ))}
      <Route path="/b/:boardId/health">
        {(params) => (
          <Suspense fallback={<Loading />}>
            <HealthPage key={params.boardId} boardId={params.boardId} />
          </Suspense>
        )}
      </Route>
      <Route path="/b/:boardId/report">
        {(params) => (
          <Suspense fallback={<Loading />}>
            <ReportPage key={params.boardId} boardId={params.boardId} />
          </Suspense>
        )}
      </Route>
      <Route path="/b/:boardId/agreement">
        {(params) => (
          <Suspense fallback={<Loading />}>
            <AgreementPage key={params.boardId} boardId={params.boardId} />
          </Suspense>
        )}
      </Route>
      <Route path="/b/:boardId">
        {(params) => (
          <Suspense fallback={<Loading />}>
            <BoardPage key={params.boardId} boardId={params.boardId} />
          </Suspense>
        )}
      </Route>
      <Route component={NotFound} />
    </Switch>
  );
}

function Loading() {
  const t = useT();
  return (
    <p className="page" role="status">
      {t('board.loading')}
    </p>
  );
}

function NotFound() {
  const t = useT();
  return (
    <Shell>
      <div className="page narrow">
        <h1>{t('notFound.heading')}</h1>
        <p>{t('notFound.text')}</p>
        <a className="button" href="/">
          {t('error.toStart')}
        </a>
      </div>
    </Shell>
  );
}
