import { boardViewSuffix } from '@common-ground/shared/paths';
import { type ReactNode, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { useT } from '../i18n/locale';
import { JoinPage } from '../join/JoinPage';
import { LandingPage } from '../landing/LandingPage';
import { TRANSPARENCY_VIEWS, type TransparencyView } from '../network/views';
import { lazyPage } from './lazyPage';
import { Shell } from './Shell';

// The board brings Yjs, drag and drop and QR codes; people on the join page's phone should not wait for them.
const Board = lazyPage(() => import('../board/BoardPage').then((m) => m.BoardPage));
const Present = lazyPage(() => import('../present/PresentPage').then((m) => m.PresentPage));
const Transparency = lazyPage(() => import('../network/TransparencyPage').then((m) => m.TransparencyPage));
const Health = lazyPage(() => import('../process/HealthPage').then((m) => m.HealthPage));
const Report = lazyPage(() => import('../process/ReportPage').then((m) => m.ReportPage));
const Agreement = lazyPage(() => import('../agreement/AgreementPage').then((m) => m.AgreementPage));
const Minutes = lazyPage(() => import('../minutes/MinutesPage').then((m) => m.MinutesPage));
// Opened once per device link; its API calls would bring zod to every page.
const Device = lazyPage(() => import('../facilitation/DevicePage').then((m) => m.DevicePage));

/** The views of one board, by the part of the path after /b/:boardId ('' for the board itself). */
const BOARD_VIEWS: ReadonlyArray<{
  readonly suffix: string;
  readonly preload: () => Promise<unknown>;
  readonly render: (boardId: string) => ReactNode;
}> = [
  { suffix: '/present', preload: Present.preload, render: (id) => <Present.Page key={id} boardId={id} /> },
  ...TRANSPARENCY_VIEWS.map((view: TransparencyView) => ({
    suffix: `/${view}`,
    preload: Transparency.preload,
    render: (id: string) => <Transparency.Page key={id} boardId={id} view={view} />,
  })),
  { suffix: '/health', preload: Health.preload, render: (id) => <Health.Page key={id} boardId={id} /> },
  { suffix: '/report', preload: Report.preload, render: (id) => <Report.Page key={id} boardId={id} /> },
  {
    suffix: '/agreement',
    preload: Agreement.preload,
    render: (id) => <Agreement.Page key={id} boardId={id} />,
  },
  { suffix: '', preload: Board.preload, render: (id) => <Board.Page key={id} boardId={id} /> },
];

/** The view of one board at `path`, if it is one: its chunk can be fetched before the first render. */
export function boardViewAt(path: string): { readonly preload: () => Promise<unknown> } | null {
  const suffix = boardViewSuffix(path);
  return BOARD_VIEWS.find((v) => v.suffix === suffix) ?? null;
}

export function App() {
  return (
    <Switch>
      <Route path="/" component={LandingPage} />
      <Route path="/join/:code">{(params) => <JoinPage code={params.code} />}</Route>
      <Route path="/device">
        <Suspense fallback={<Loading />}>
          <Device.Page />
        </Suspense>
      </Route>
      {/* A meeting's minutes: the one board page with an id of its own after the view's name. */}
      <Route path="/b/:boardId/minutes/:meetingId">
        {(params) => (
          <Suspense fallback={<Loading />}>
            <Minutes.Page
              key={`${params.boardId}/${params.meetingId}`}
              boardId={params.boardId ?? ''}
              meetingId={params.meetingId ?? ''}
            />
          </Suspense>
        )}
      </Route>
      {BOARD_VIEWS.map((view) => (
        <Route key={view.suffix} path={`/b/:boardId${view.suffix}`}>
          {/* The pattern always has :boardId; wouter cannot infer it from a built path. */}
          {(params) => <Suspense fallback={<Loading />}>{view.render(params.boardId ?? '')}</Suspense>}
        </Route>
      ))}
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
