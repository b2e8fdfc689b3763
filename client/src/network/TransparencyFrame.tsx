import { type ReactNode, useEffect } from 'react';
import { Link } from 'wouter';
import { Shell } from '../app/Shell';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { TRANSPARENCY_VIEWS, type TransparencyView } from './views';
import './transparency.css';

const LABELS: Record<TransparencyView, MessageKey> = {
  network: 'transparency.network',
  activity: 'transparency.activity',
  'as-of': 'transparency.asOf',
  balance: 'transparency.balance',
};

/** Links to the network, activity, "as it was" and voice balance views of a board (the board toolbar uses it). */
export function TransparencyLinks({ current }: { current?: TransparencyView }) {
  const t = useT();
  const { boardId } = useBoardContext();
  return (
    <nav className="transparency-links" aria-label={t('transparency.nav')}>
      {TRANSPARENCY_VIEWS.map((view) => (
        <Link
          key={view}
          href={`/b/${boardId}/${view}`}
          className="button secondary"
          aria-current={view === current ? 'page' : undefined}
          data-testid={`link-${view}`}
        >
          {t(LABELS[view])}
        </Link>
      ))}
    </nav>
  );
}

/** The frame of a transparency view: back to the board, the other views, the heading and an intro. */
export function TransparencyFrame(props: {
  view: TransparencyView;
  heading: MessageKey;
  intro: MessageKey;
  children: ReactNode;
}) {
  const t = useT();
  const { boardId } = useBoardContext();
  const title = useBoard((s) => s.title);
  const heading = t(props.heading);
  useEffect(() => {
    document.title = `${heading} – ${title || t('app.name')}`;
  }, [heading, title, t]);
  return (
    <Shell
      actions={
        <Link href={`/b/${boardId}`} className="button subtle" data-testid="back-to-board">
          {t('transparency.backToBoard')}
        </Link>
      }
    >
      <div className="page transparency" data-testid={`${props.view}-page`}>
        <p className="transparency-board">{title}</p>
        <h1>{heading}</h1>
        <p className="transparency-intro">{t(props.intro)}</p>
        <TransparencyLinks current={props.view} />
        {props.children}
      </div>
    </Shell>
  );
}
