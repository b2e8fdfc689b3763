import type { HealthFigure, HealthLine, HealthResponse } from '@common-ground/shared/api';
import { useId, useState } from 'react';
import type { MessageKey } from '../i18n/catalogues';
import { useLocale, useT } from '../i18n/locale';
import { explainParams, figureText } from './figureText';

/** The health check: one line per principle, its figures, each explained on request, and a suggestion. */
export function HealthList({ health, headingLevel = 2 }: { health: HealthResponse; headingLevel?: 2 | 3 }) {
  return (
    <ol className="health-list" data-testid="health-list">
      {health.lines.map((line) => (
        <HealthLineView key={line.principle} line={line} headingLevel={headingLevel} />
      ))}
    </ol>
  );
}

function HealthLineView({ line, headingLevel }: { line: HealthLine; headingLevel: 2 | 3 }) {
  const t = useT();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li
      className={`health-line ${line.attention ? 'is-attention' : 'is-fine'}`}
      data-testid={`health-${line.principle}`}
    >
      <div className="health-line-head">
        <Heading className="health-principle">{t(`health.principle.${line.principle}`)}</Heading>
        <span className="health-flag" data-testid="health-flag">
          <span aria-hidden="true">{line.attention ? '◆' : '✓'}</span>{' '}
          {line.attention ? t('health.attention') : t('health.fine')}
        </span>
      </div>
      <ul className="health-figures">
        {line.figures.map((figure) => (
          <FigureView key={figure.id} figure={figure} />
        ))}
      </ul>
      <p className="health-suggestion">
        <strong>{t('health.suggestion')}</strong> {t(`health.suggest.${line.suggestion}` as MessageKey)}
      </p>
    </li>
  );
}

/** A figure with a disclosure that says how it is counted (a real button: keyboard, touch and screen readers). */
function FigureView({ figure }: { figure: HealthFigure }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const [open, setOpen] = useState(false);
  const text = figureText(figure, t, locale);
  return (
    <li className="health-figure" data-testid={`figure-${figure.id}`}>
      <p className="health-figure-main">
        <span>{text.main}</span>{' '}
        <button
          type="button"
          className="health-explain-toggle"
          aria-expanded={open}
          aria-controls={`${id}-explain`}
          onClick={() => setOpen((o) => !o)}
          data-testid="figure-explain"
        >
          {t('health.explain')}
        </button>
      </p>
      {text.kinds.length > 0 && (
        <ul className="health-kinds">
          {text.kinds.map((k) => (
            <li key={k.text} className={k.finding ? 'is-quiet' : undefined}>
              {k.text}
              {k.finding && <strong> – {k.finding}</strong>}
            </li>
          ))}
        </ul>
      )}
      {text.detail && <p className="health-figure-detail">{text.detail}</p>}
      <p id={`${id}-explain`} className="health-explain" hidden={!open} data-testid="figure-explanation">
        {t(`health.explain.${figure.id}`, explainParams)}
      </p>
    </li>
  );
}
