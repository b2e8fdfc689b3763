import { type CreateInviteResponse, linkReachOf } from '@common-ground/shared/api';
import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useState } from 'react';
import { api } from '../app/api';
import { ROUND_TABLE_COMMAND } from '../app/LoopbackWarning';
import { useLinkReach } from '../app/linkReach';
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

  // A remembered link to 127.0.0.1 is made again once the server hands out network links (round-table mode).
  const reach = useLinkReach();
  useEffect(() => {
    if (reach === 'network' && invite && linkReachOf(invite.url) === 'loopback') setInvite(null);
  }, [reach, invite]);

  if (!invite || role !== 'facilitator') return null;
  const address = invite.url.replace(/^https?:\/\//, '');
  // Host and path on lines of their own where the column is narrow, rather than a break inside the address.
  const pathStart = address.indexOf('/');
  const host = pathStart < 0 ? address : address.slice(0, pathStart);
  const path = pathStart < 0 ? '' : address.slice(pathStart);
  return (
    <section className="present-join" aria-label={t('present.join')} data-testid="present-join">
      <p className="present-join-title">{t('present.join')}</p>
      {linkReachOf(invite.url) === 'loopback' && (
        <div className="present-link-warning" data-testid="links-loopback">
          <p>{t('links.loopbackProjector')}</p>
          <p>
            {/* A non-breaking hyphen: the narrow column breaks the command at its spaces only. */}
            {t('links.loopbackProjectorFix')} <code>{ROUND_TABLE_COMMAND.replace('-', '\u2011')}</code>
          </p>
        </div>
      )}
      <QRCodeSVG
        value={invite.url}
        size={256}
        marginSize={2}
        className="present-qr"
        data-url={invite.url}
        title={t('invite.qrLabel')}
      />
      <p className="present-join-address" data-testid="present-join-url">
        {host}
        <wbr />
        {path}
      </p>
      <p className="present-join-code">{t('present.code', { code: invite.code })}</p>
    </section>
  );
}
