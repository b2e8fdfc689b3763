import { AgreementQuery, AgreementResponse } from '@common-ground/shared/api';
import { EXPORT_TAGS } from '../../exports/catalogues';
import { exportText } from '../../exports/text';
import { buildAgreement } from '../../rounds/agreement';
import { agreementMarkdown } from '../../rounds/agreementMarkdown';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { exportFilename, exportLocale } from '../exportLanguage';
import { sendMarkdown } from '../respond';
import { type Router, route } from '../router';

const EXPORT_AGREEMENT = route('GET', '/api/boards/:boardId/export', {
  summary:
    'The cooperation agreement: the agreed goals with their rounds and stances (JSON, or Markdown in the ' +
    "requester's language)",
  auth: 'participant',
  query: AgreementQuery,
  response: AgreementResponse,
  markdown: true,
});

export function registerExportRoutes(router: Router, { config, storage, rooms }: AppDeps): void {
  router.add(EXPORT_AGREEMENT, async ({ req, res, params, query, send }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    const { format, lang } = query();
    const agreement = await buildAgreement(storage, rooms, boardId, config.now());
    if (format === 'json') {
      send(agreement);
      return;
    }
    const locale = exportLocale(lang, req);
    sendMarkdown(
      res,
      exportFilename('kooperationsvereinbarung', locale),
      agreementMarkdown(agreement, exportText(locale)),
      EXPORT_TAGS[locale],
    );
  });
}
