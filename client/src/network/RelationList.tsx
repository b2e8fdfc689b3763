import type { Relation } from '@common-ground/shared/api';
import { useState } from 'react';
import { transparencyApi } from '../app/api';
import { ConfirmDialog } from '../app/Dialog';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import { relationLine } from './relationText';

/** Every relation as a sentence: the map's text version, and where relations are removed (after asking). */
export function RelationList({
  relations,
  names,
  canRemove,
}: {
  relations: readonly Relation[];
  names: ReadonlyMap<string, string>;
  canRemove: (relation: Relation) => boolean;
}) {
  const t = useT();
  const { boardId, token } = useBoardContext();
  const [asking, setAsking] = useState<Relation | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);

  const remove = async (relation: Relation) => {
    setAsking(null);
    setError(null);
    try {
      await transparencyApi.removeRelation(boardId, token, relation.id);
    } catch (failure) {
      setError(errorMessageKey(failure));
    }
  };

  return (
    <>
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
      {relations.length === 0 ? (
        <p className="hint">{t('relation.none')}</p>
      ) : (
        <ul className="relation-list" data-testid="relation-list">
          {relations.map((relation) => {
            const line = relationLine(relation, names, t);
            return (
              <li key={relation.id} data-testid="relation-item">
                <span>
                  {line}
                  {relation.note && <span className="hint"> – {relation.note}</span>}
                </span>
                {canRemove(relation) && (
                  <button
                    type="button"
                    className="button subtle"
                    onClick={() => setAsking(relation)}
                    data-testid="relation-remove"
                  >
                    {t('relation.remove')}
                    <span className="visually-hidden">: {line}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={asking !== null}
        title={t('relation.removeHeading')}
        text={asking ? t('relation.removeText', { line: relationLine(asking, names, t) }) : ''}
        confirmLabel={t('relation.removeConfirm')}
        onCancel={() => setAsking(null)}
        onConfirm={() => asking && void remove(asking)}
        testId="relation-remove-dialog"
      />
    </>
  );
}
