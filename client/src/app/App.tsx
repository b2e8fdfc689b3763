import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { useT } from '../i18n/locale';
import { JoinPage } from '../join/JoinPage';
import { LandingPage } from '../landing/LandingPage';
import { Shell } from './Shell';

// The board brings Yjs, drag and drop and QR codes; people on the join page's phone should not wait for them.
const BoardPage = lazy(() => import('../board/BoardPage').then((m) => ({ default: m.BoardPage })));
const AgreementPage = lazy(() =>
  import('../agreement/AgreementPage').then((m) => ({ default: m.AgreementPage })),
);

export function App() {
  return (
    <Switch>
      <Route path="/" component={LandingPage} />
      <Route path="/join/:code">{(params) => <JoinPage code={params.code} />}</Route>
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
