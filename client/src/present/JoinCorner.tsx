import type { CreateInviteResponse } from '@common-ground/shared/api';
import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useState } from 'react';
import { api } from '../app/api';
import { useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import { loadProjectorInvite, saveProjectorInvite } from './projectorInvite';

/**
 * A partner invitation for the room, as QR code, address and short code. Opened by the facilitator, the projector
 * reuses the invite it made on this device while that is valid, else makes one that works for one day (a code on
 * a wall is seen and photographed by everyone). A guest link cannot invite, so the corner stays empty then.
 */
export function JoinCorner() {
  const t = useT();
  const { boardId, token, role } = useBoardContext();
  const [invite, setInvite] = useState<CreateInviteResponse | null>(() =>
    loadProjectorInvite(boardId, Date.now()),
  );

  useEffect(() => {
    if (role !== 'facilitator' || invite) return;
    let active = true;
    api.createInvite(boardId, token, { role: 'partner', expiresInDays: 1 }).then(
      (created) => {
        saveProjectorInvite(boardId, created);
        if (active) setInvite(created);
      },
      () => {
        // Offline or refused: no QR code rather than a wrong one.
      },
    );
    return () => {
      active = false;
    };
  }, [boardId, token, role, invite]);

  if (!invite || role !== 'facilitator') return null;
  const address = invite.url.replace(/^https?:\/\//, '');
  return (
    <section className="present-join" aria-label={t('present.join')} data-testid="present-join">
      <p className="present-join-title">{t('present.join')}</p>
      <QRCodeSVG
        value={invite.url}
        size={256}
        marginSize={2}
        className="present-qr"
        title={t('invite.qrLabel')}
      />
      <p className="present-join-address" data-testid="present-join-url">
        {address}
      </p>
      <p className="present-join-code">{t('present.code', { code: invite.code })}</p>
    </section>
  );
}
