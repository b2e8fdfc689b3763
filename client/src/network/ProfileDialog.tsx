import { PARTNER_OFFERS, type Partner, type PartnerProfile, PROFILE_LIMITS } from '@common-ground/shared/api';
import { useEffect, useId, useRef, useState } from 'react';
import { transparencyApi } from '../app/api';
import { Dialog } from '../app/Dialog';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import { OfferIcon } from './OfferIcon';
import {
  type DraftProblem,
  draftFrom,
  type ProfileTextField,
  profileProblems,
  requestFrom,
  toggleOffer,
} from './profileDraft';

const FIELD_LABEL: Record<ProfileTextField, MessageKey> = {
  description: 'network.description',
  offersNote: 'network.offersNote',
  interests: 'network.interests',
  contact: 'network.contact',
};
const FIELD_HINT: Record<ProfileTextField, MessageKey> = {
  description: 'profile.descriptionHint',
  offersNote: 'profile.offersNoteHint',
  interests: 'profile.interestsHint',
  contact: 'profile.contactHint',
};

/**
 * The profile form. It saves the whole profile at once (PUT), so it works from a copy; when someone else saves
 * meanwhile, the person is told instead of having their typing overwritten.
 */
export function ProfileDialog({
  partner,
  profile,
  onClose,
  onSaved,
}: {
  partner: Partner;
  profile: PartnerProfile | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const id = useId();
  const { boardId, token, session } = useBoardContext();
  const [draft, setDraft] = useState(() => draftFrom(profile));
  const [startedFrom] = useState(() => profile?.updatedAt ?? null);
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [error, setError] = useState<MessageKey | null>(null);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const changedMeanwhile =
    profile !== null && profile.updatedAt !== startedFrom && profile.updatedBy !== session.participantId;

  useEffect(() => {
    if (problems.length > 0 || error) summaryRef.current?.focus();
  }, [problems, error]);

  const save = async () => {
    const found = profileProblems(draft);
    setProblems(found);
    setError(null);
    if (found.length > 0) return;
    setSaving(true);
    try {
      await transparencyApi.putProfile(boardId, token, partner.id, requestFrom(draft));
      onSaved();
    } catch (failure) {
      setError(errorMessageKey(failure));
    } finally {
      setSaving(false);
    }
  };

  const textField = (field: ProfileTextField, rows: number) => {
    const problem = problems.find((p) => p.field === field);
    const inputId = `${id}-${field}`;
    const describedBy = `${inputId}-hint ${inputId}-count${problem ? ` ${inputId}-error` : ''}`;
    const common = {
      id: inputId,
      value: draft[field],
      'aria-describedby': describedBy,
      'aria-invalid': problem ? true : undefined,
      'data-testid': `profile-${field}-input`,
    };
    const onChange = (value: string) => setDraft((d) => ({ ...d, [field]: value }));
    return (
      <div className="field">
        <label htmlFor={inputId}>{t(FIELD_LABEL[field])}</label>
        <p className="hint" id={`${inputId}-hint`}>
          {t(FIELD_HINT[field])}
        </p>
        {problem && (
          <p className="field-error" id={`${inputId}-error`}>
            {tooLong(problem)}
          </p>
        )}
        {rows > 1 ? (
          <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input {...common} type="text" onChange={(e) => onChange(e.target.value)} />
        )}
        <p className="hint char-count" id={`${inputId}-count`}>
          {t('profile.chars', { count: draft[field].trim().length, max: PROFILE_LIMITS[field] })}
        </p>
      </div>
    );
  };
  const tooLong = (problem: DraftProblem) =>
    t('profile.tooLong', { field: t(FIELD_LABEL[problem.field]), max: problem.max, count: problem.count });

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('profile.heading', { partner: partner.name })}
      testId="profile-dialog"
      wide
    >
      <form
        className="profile-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <p>{t('profile.intro')}</p>
        {(problems.length > 0 || error) && (
          <div className="alert" role="alert" tabIndex={-1} ref={summaryRef} data-testid="profile-errors">
            {error ? (
              t(error)
            ) : (
              <>
                <p>{t('profile.errorSummary')}</p>
                <ul>
                  {problems.map((problem) => (
                    <li key={problem.field}>
                      <a href={`#${id}-${problem.field}`}>{tooLong(problem)}</a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        {changedMeanwhile && <p className="alert info">{t('profile.changedMeanwhile')}</p>}
        {textField('description', 4)}
        <fieldset className="field offer-choices">
          <legend className="label">{t('profile.offersLegend')}</legend>
          {PARTNER_OFFERS.map((offer) => (
            <label key={offer} className="choice">
              <input
                type="checkbox"
                checked={draft.offers.includes(offer)}
                onChange={(e) =>
                  setDraft((d) => ({ ...d, offers: toggleOffer(d.offers, offer, e.target.checked) }))
                }
                data-testid={`offer-${offer}`}
              />
              <OfferIcon offer={offer} />
              {t(`offer.${offer}`)}
            </label>
          ))}
        </fieldset>
        {textField('offersNote', 2)}
        {textField('interests', 3)}
        {textField('contact', 1)}
        <div className="button-row">
          <button type="button" className="button secondary" onClick={onClose}>
            {t('board.cancel')}
          </button>
          <button type="submit" className="button" disabled={saving} data-testid="profile-save">
            {saving ? t('profile.saving') : t('profile.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
