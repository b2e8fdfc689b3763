import type { BoardInfoResponse, MinutesResponse } from '@common-ground/shared/api';
import { MAX_GUEST_NAME_CHARS } from '@common-ground/shared/api';
import { useId, useState } from 'react';
import { useT } from '../i18n/locale';
import { type AttendingPerson, correctAttendance, groupAttendance } from './attendance';
import type { MinutesEdit } from './edit';
import { minutesApi, newMinutesId } from './minutesApi';
import type { MinutesNames } from './names';

/**
 * Who was there, by organisation; partners nobody came for are "nicht vertreten". The facilitator corrects the
 * list while the minutes are a draft: takes someone off, adds a participant, or adds a person without a device.
 */
export function AttendanceSection(props: {
  minutes: MinutesResponse;
  board: BoardInfoResponse;
  names: MinutesNames;
  edit: MinutesEdit | null;
}) {
  const { minutes, board, names, edit } = props;
  const t = useT();
  const headingId = useId();
  const groups = groupAttendance(minutes);

  const takeOff = (person: AttendingPerson) => {
    if (!edit) return;
    const name = person.name ?? t('minutes.unknownPerson');
    const version = minutes.version;
    void edit.run(
      (token) =>
        minutesApi.update(edit.boardId, token, edit.meetingId, {
          version,
          ...(person.guestId
            ? { guests: minutes.content.guests.filter((g) => g.id !== person.guestId) }
            : { attendance: correctAttendance(minutes.corrections, person.participantId ?? '', false) }),
        }),
      t('minutes.tookOff', { name }),
    );
  };

  return (
    <section className="minutes-section" aria-labelledby={headingId} data-testid="minutes-attendance">
      <h2 id={headingId}>{t('minutes.attendance')}</h2>
      <ul className="minutes-attendance">
        {groups.map((group) => (
          <li
            key={group.partnerId ?? ''}
            className="minutes-attendance-group"
            data-testid="attendance-group"
            data-partner-id={group.partnerId ?? ''}
          >
            <strong>
              <bdi>
                {group.partnerId === null
                  ? t('minutes.withoutOrganisation')
                  : (group.partnerName ?? t('tally.unknownPartner'))}
              </bdi>
            </strong>
            {group.absent ? (
              <span data-testid="attendance-absent">: {t('minutes.notRepresented')}</span>
            ) : (
              <ul>
                {group.people.map((person) => (
                  <li key={person.key} className="minutes-attendee" data-testid="attendee">
                    <bdi>{person.name ?? t('minutes.unknownPerson')}</bdi>
                    {person.guestId && <span className="hint"> ({t('minutes.guestMark')})</span>}
                    {!person.guestId && person.addedByFacilitator && (
                      <span className="hint"> ({t('minutes.addedMark')})</span>
                    )}
                    {edit && (
                      <button
                        type="button"
                        className="button subtle screen-only"
                        aria-disabled={edit.working || undefined}
                        onClick={() => takeOff(person)}
                        data-testid="attendee-remove"
                      >
                        {t('minutes.takeOff')}
                        {/* Whom it takes off, for screen readers; the visible words stay the start of the name. */}
                        <span className="visually-hidden">: {person.name ?? t('minutes.unknownPerson')}</span>
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {edit && <AddParticipant minutes={minutes} board={board} names={names} edit={edit} />}
      {edit && <AddGuest minutes={minutes} edit={edit} />}
    </section>
  );
}

function AddParticipant(props: {
  minutes: MinutesResponse;
  board: BoardInfoResponse;
  names: MinutesNames;
  edit: MinutesEdit;
}) {
  const { minutes, board, names, edit } = props;
  const t = useT();
  const selectId = useId();
  const [chosen, setChosen] = useState('');
  const [missing, setMissing] = useState(false);
  const present = new Set(minutes.content.attendees.map((a) => a.participantId));
  const candidates = board.participants
    .filter((p) => !p.removed && !present.has(p.id))
    .sort((a, b) => a.name.localeCompare(b.name));

  const add = async () => {
    const person = candidates.find((p) => p.id === chosen);
    if (!person) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const version = minutes.version;
    const done = await edit.run(
      (token) =>
        minutesApi.update(edit.boardId, token, edit.meetingId, {
          version,
          attendance: correctAttendance(minutes.corrections, person.id, true),
        }),
      t('minutes.added', { name: person.name }),
    );
    if (done === 'done') setChosen('');
  };

  if (candidates.length === 0) return <p className="hint screen-only">{t('minutes.nobodyToAdd')}</p>;
  return (
    <form
      className="minutes-form screen-only"
      onSubmit={(event) => {
        event.preventDefault();
        void add();
      }}
    >
      <div className="field">
        <label htmlFor={selectId}>{t('minutes.addParticipant')}</label>
        <select
          id={selectId}
          value={chosen}
          onChange={(event) => setChosen(event.target.value)}
          aria-invalid={missing || undefined}
          data-testid="attendance-add-select"
        >
          <option value="">{t('minutes.choose')}</option>
          {candidates.map((p) => (
            <option key={p.id} value={p.id}>
              {p.partnerId ? `${p.name} (${names.partner(p.partnerId)})` : p.name}
            </option>
          ))}
        </select>
        {missing && (
          <p className="field-error" role="alert">
            {t('minutes.chooseMissing')}
          </p>
        )}
      </div>
      <button
        type="submit"
        className="button secondary"
        aria-disabled={edit.working || undefined}
        data-testid="attendance-add"
      >
        {t('minutes.add')}
      </button>
    </form>
  );
}

function AddGuest({ minutes, edit }: { minutes: MinutesResponse; edit: MinutesEdit }) {
  const t = useT();
  const nameId = useId();
  const partnerId = useId();
  const [name, setName] = useState('');
  const [partner, setPartner] = useState('');
  const [missing, setMissing] = useState(false);

  const add = async () => {
    const trimmed = name.trim();
    if (!trimmed) {
      setMissing(true);
      document.getElementById(nameId)?.focus();
      return;
    }
    setMissing(false);
    const version = minutes.version;
    const guest = { id: newMinutesId(), name: trimmed, partnerId: partner || null };
    const done = await edit.run(
      (token) =>
        minutesApi.update(edit.boardId, token, edit.meetingId, {
          version,
          guests: [...minutes.content.guests, guest],
        }),
      t('minutes.added', { name: trimmed }),
    );
    if (done === 'done') {
      setName('');
      setPartner('');
    }
  };

  return (
    <form
      className="minutes-form screen-only"
      onSubmit={(event) => {
        event.preventDefault();
        void add();
      }}
    >
      <fieldset>
        <legend>{t('minutes.guestHeading')}</legend>
        <p className="hint">{t('minutes.guestHint')}</p>
        <div className="field">
          <label htmlFor={nameId}>{t('minutes.guestName')}</label>
          <input
            id={nameId}
            type="text"
            value={name}
            maxLength={MAX_GUEST_NAME_CHARS}
            autoComplete="off"
            dir="auto"
            onChange={(event) => setName(event.target.value)}
            aria-invalid={missing || undefined}
            data-testid="guest-name"
          />
          {missing && (
            <p className="field-error" role="alert">
              {t('minutes.guestNameMissing')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={partnerId}>{t('minutes.guestOrganisation')}</label>
          <select
            id={partnerId}
            value={partner}
            onChange={(event) => setPartner(event.target.value)}
            data-testid="guest-partner"
          >
            <option value="">{t('minutes.noOrganisation')}</option>
            {minutes.partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="button secondary"
          aria-disabled={edit.working || undefined}
          data-testid="guest-add"
        >
          {t('minutes.addGuest')}
        </button>
      </fieldset>
    </form>
  );
}
