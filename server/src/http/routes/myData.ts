import { MyDataQuery, MyDataResponse } from '@common-ground/shared/api';
import { EXPORT_TAGS } from '../../exports/catalogues';
import { exportText } from '../../exports/text';
import { assembleMyData, readMyData } from '../../privacy/myData';
import { myDataMarkdown } from '../../privacy/myDataMarkdown';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { exportFilename, exportLocale } from '../exportLanguage';
import { HttpError, sendMarkdown } from '../respond';
import { type Router, route } from '../router';

const MY_DATA = route('GET', '/api/boards/:boardId/me/data', {
  summary:
    "Everything stored about the caller on the board (DSGVO Art. 15): JSON, or with ?format=md a readable page in the requester's language",
  auth: 'participant',
  query: MyDataQuery,
  response: MyDataResponse,
  markdown: true,
});

/**
 * A participant's copy of their own data. Whose data it is comes from the bearer token alone: no parameter names a
 * person, so nobody can ask for anyone else's (docs/privacy.md, "Your data").
 */
export function registerMyDataRoutes(router: Router, { config, storage, activity }: AppDeps): void {
  router.add(MY_DATA, async ({ req, res, params, query, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const { format, lang } = query();
    const sources = await readMyData({ storage, activity }, me, config.now());
    if (!sources) throw new HttpError(404, 'not_found', 'No such board');
    const data = assembleMyData(sources);
    if (format === 'json') {
      send(data);
      return;
    }
    const locale = exportLocale(lang, req);
    sendMarkdown(
      res,
      exportFilename('meine-daten', locale),
      myDataMarkdown(data, exportText(locale)),
      EXPORT_TAGS[locale],
    );
  });
}
