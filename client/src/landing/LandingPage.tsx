import { Hyphenated } from '../app/hyphenation';
import { useRememberedBoards } from '../app/rememberedBoards';
import { Shell } from '../app/Shell';
import { ImportBoardForm } from '../boardArchive/ImportBoardForm';
import { useT } from '../i18n/locale';
import { CreateBoardForm } from './CreateBoardForm';
import { RememberedBoardList } from './RememberedBoardList';
import './landing.css';

export function LandingPage() {
  const t = useT();
  // Someone coming back most likely wants to open their board, so their list comes first.
  const returning = useRememberedBoards((s) => s.boards.length > 0);
  return (
    <Shell>
      <div className="page landing" data-testid="landing">
        <section className="landing-intro" aria-labelledby="landing-title">
          <h1 id="landing-title">{t('app.name')}</h1>
          <p className="tagline">
            <Hyphenated text={t('landing.tagline')} />
          </p>
          <p>
            <Hyphenated text={t('landing.explain1')} />
          </p>
          <p>
            <Hyphenated text={t('landing.explain2')} />
          </p>
        </section>
        <div className="landing-grid">
          {returning && <RememberedBoardList />}
          <CreateBoardForm />
          {!returning && <RememberedBoardList />}
          <ImportBoardForm />
        </div>
      </div>
    </Shell>
  );
}
