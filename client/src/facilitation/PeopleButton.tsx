import { type DeviceLinkResponse, type Person, ROLES, type Role } from '@common-ground/shared/api';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../app/apiError';
import { DialogButton } from '../app/DialogButton';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useLocale, useT } from '../i18n/locale';
import { pseudonymOf } from '../i18n/pseudonyms';
import { retentionApi } from '../privacy/retentionApi';
import { useBoardContext } from '../sync/SessionContext';
import { OneTimeLink } from './OneTimeLink';
import { peopleApi } from './peopleApi';
import './people.css';

/** A refusal of a change of people, in words that say what to do instead. */
function refusalKey(error: unknown): MessageKey {
  if (error instanceof ApiError && error.failure.kind === 'http') {
    if (error.failure.code === 'last_facilitator') return 'people.lastFacilitator';
    if (error.failure.status === 409) return 'people.needsPartner';
  }
  return errorMessageKey(error);
}

/** The words of each question the facilitator is asked before an irreversible step. */
const QUESTIONS: Record<PendingKind, { heading: MessageKey; text: MessageKey; confirm: MessageKey }> = {
  remove: { heading: 'people.removeHeading', text: 'people.removeText', confirm: 'people.removeConfirm' },
  reentry: { heading: 'people.reentryHeading', text: 'people.reentryText', confirm: 'people.reentryConfirm' },
  erase: { heading: 'people.eraseHeading', text: 'people.eraseText', confirm: 'people.eraseConfirm' },
};

/** Facilitators: everyone on the board, with their role, devices and last visit; remove, re-role, new access. */
export function PeopleButton() {
  const t = useT();
  return (
    <DialogButton
      label={t('people.button')}
      title={t('people.heading')}
      testId="people-button"
      dialogTestId="people-dialog"
      wide
    >
      {() => <PeopleManager />}
    </DialogButton>
  );
}

/** What the facilitator is about to do to one person; the irreversible steps ask first. */
type PendingKind = 'remove' | 'reentry' | 'erase';
type Pending = { kind: PendingKind; person: Person } | null;

/** A person's control in the table, by test id (the row's header for a removed person, whose buttons went). */
const inRow = (personId: string, control: string) => `[data-person-id="${CSS.escape(personId)}"] ${control}`;

function PeopleManager() {
  const t = useT();
  const { boardId, token, session } = useBoardContext();
  const [people, setPeople] = useState<readonly Person[] | null>(null);
  const [erasures, setErasures] = useState<ReadonlyMap<string, number>>(new Map());
  const [error, setError] = useState<MessageKey | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [link, setLink] = useState<{ person: Person; link: DeviceLinkResponse } | null>(null);
  const [working, setWorking] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  /** Where focus goes after the next render: the control that was pressed is gone (never left on the page). */
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    const selector = focusNext.current;
    if (!selector) return;
    focusNext.current = null;
    rootRef.current?.querySelector<HTMLElement>(selector)?.focus();
  });
  // The question takes focus on its least harmful answer, "Abbrechen", as an alert dialog should.
  const asking = pending !== null;
  useEffect(() => {
    if (asking) cancelRef.current?.focus();
  }, [asking]);

  const load = useCallback(async () => {
    try {
      const [list, retention] = await Promise.all([
        peopleApi.list(boardId, token),
        retentionApi.status(boardId, token).catch(() => null),
      ]);
      setPeople(list.people);
      setErasures(new Map((retention?.erasures ?? []).map((e) => [e.participantId, e.erasesAt])));
    } catch (caught) {
      setError(errorMessageKey(caught));
    }
  }, [boardId, token]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(refusalKey(caught));
    }
    await load();
  };

  const changeRole = (person: Person, role: Role) =>
    act(() => peopleApi.changeRole(boardId, token, person.id, role));
  const askedBy = (current: NonNullable<Pending>) =>
    inRow(current.person.id, `[data-testid=person-${current.kind}]`);
  const cancel = (current: NonNullable<Pending>) => {
    focusNext.current = askedBy(current);
    setPending(null);
  };
  // The question stays (its buttons aria-disabled) until the server answered: focus then goes to what appeared
  // — the new link's copy button (OneTimeLink), the removed person's row — or back to the button that asked.
  const confirm = async (current: NonNullable<Pending>) => {
    if (working) return;
    setWorking(true);
    let done = false;
    await act(async () => {
      if (current.kind === 'remove') {
        await peopleApi.remove(boardId, token, current.person.id);
      } else if (current.kind === 'erase') {
        await peopleApi.erase(boardId, token, current.person.id);
      } else {
        setLink({ person: current.person, link: await peopleApi.reentry(boardId, token, current.person.id) });
      }
      done = true;
    });
    setWorking(false);
    setPending(null);
    if (!done) focusNext.current = askedBy(current);
    else if (current.kind !== 'reentry') focusNext.current = inRow(current.person.id, 'th');
  };

  return (
    <div ref={rootRef} className="people-manager">
      <p>{t('people.intro')}</p>
      {error && (
        <p className="alert" role="alert" data-testid="people-error">
          {t(error)}
        </p>
      )}
      {link && (
        <section className="people-link" aria-label={t('people.reentryHeading', { name: link.person.name })}>
          <h3>{t('people.reentryHeading', { name: link.person.name })}</h3>
          <OneTimeLink link={link.link} label={t('device.link')} qrLabel={t('device.qrLabel')} />
        </section>
      )}
      {pending && (
        <div className="alert people-confirm" role="alertdialog" aria-labelledby="people-confirm-heading">
          <h3 id="people-confirm-heading">
            {t(QUESTIONS[pending.kind].heading, { name: pending.person.name })}
          </h3>
          <p>{t(QUESTIONS[pending.kind].text)}</p>
          <div className="button-row">
            <button
              ref={cancelRef}
              type="button"
              className="button secondary"
              aria-disabled={working}
              onClick={() => {
                if (!working) cancel(pending);
              }}
            >
              {t('board.cancel')}
            </button>
            <button
              type="button"
              className="button danger"
              aria-disabled={working}
              onClick={() => void confirm(pending)}
              data-testid="confirm"
            >
              {t(QUESTIONS[pending.kind].confirm)}
            </button>
          </div>
        </div>
      )}
      {people === null ? (
        <p role="status">{t('people.loading')}</p>
      ) : (
        <div className="table-scroll">
          <table className="people-table" data-testid="people-table">
            <thead>
              <tr>
                <th scope="col">{t('people.name')}</th>
                <th scope="col">{t('people.organisation')}</th>
                <th scope="col">{t('people.role')}</th>
                <th scope="col">{t('people.lastSeen')}</th>
                <th scope="col">{t('people.devices')}</th>
                <th scope="col">{t('people.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <PersonRow
                  key={person.id}
                  person={person}
                  isMe={person.id === session.participantId}
                  erasesAt={erasures.get(person.id) ?? null}
                  onRole={(role) => void changeRole(person, role)}
                  onAsk={(kind) => setPending({ kind, person })}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function PersonRow(props: {
  person: Person;
  isMe: boolean;
  /** When the person's data goes for inactivity (they were warned); null if it does not. */
  erasesAt: number | null;
  onRole: (role: Role) => void;
  onAsk: (kind: PendingKind) => void;
}) {
  const { person, isMe, erasesAt, onRole, onAsk } = props;
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const removed = person.removedAt !== null;
  const name = person.erased ? pseudonymOf(person.erased) : person.name;
  const lastSeen = person.online
    ? t('people.online')
    : person.lastSeenAt === null
      ? t('people.never')
      : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
          person.lastSeenAt,
        );
  return (
    <tr data-testid="person-row" data-person-id={person.id} className={removed ? 'removed' : undefined}>
      {/* Focusable from script only: a removal takes the row's buttons away, and focus comes here. */}
      <th scope="row" tabIndex={-1}>
        <bdi>{name}</bdi> {isMe && <span className="hint">{t('people.you')}</span>}
      </th>
      <td>{person.partnerName ? <bdi>{person.partnerName}</bdi> : t('people.noOrganisation')}</td>
      <td>
        {person.erased ? (
          t('people.erasedStatus')
        ) : removed ? (
          t('people.removed')
        ) : (
          <>
            <label htmlFor={`${id}-role`} className="visually-hidden">
              {t('people.roleLabel', { name: person.name })}
            </label>
            <select
              id={`${id}-role`}
              value={person.role}
              onChange={(e) => onRole(e.target.value as Role)}
              data-testid="person-role"
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`people.role.${role}`)}
                </option>
              ))}
            </select>
          </>
        )}
      </td>
      <td>
        {lastSeen}
        {erasesAt !== null && !person.erased && (
          <span className="hint" data-testid="person-erases-at">
            {' '}
            {t('people.erasesAt', {
              date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(erasesAt),
            })}
          </span>
        )}
      </td>
      <td>{person.devices}</td>
      <td>
        {!removed && (
          <div className="button-row">
            {!isMe && (
              <button
                type="button"
                className="button secondary"
                onClick={() => onAsk('reentry')}
                aria-label={t('people.reentryLabel', { name: person.name })}
                data-testid="person-reentry"
              >
                {t('people.reentry')}
              </button>
            )}
            <button
              type="button"
              className="button danger"
              onClick={() => onAsk('remove')}
              aria-label={t('people.removeLabel', { name: person.name })}
              data-testid="person-remove"
            >
              {t('people.remove')}
            </button>
          </div>
        )}
        {!person.erased && !isMe && (
          <button
            type="button"
            className="button secondary"
            onClick={() => onAsk('erase')}
            aria-label={t('people.eraseLabel', { name })}
            data-testid="person-erase"
          >
            {t('people.erase')}
          </button>
        )}
      </td>
    </tr>
  );
}
