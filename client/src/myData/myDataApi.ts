import { send } from '../app/request';
import { intlTag, type Locale, textDirection } from '../i18n/languages';
import { readablePage } from './readablePage';

const path = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/me/data`;

/**
 * The caller's copy of their data (docs/api.md, "My data"): the token in the header says whose, so both versions
 * are fetched and handed on as files rather than linked.
 */
export const myDataApi = {
  /** The JSON, as the server wrote it (for another program, or the person's own records). */
  json: async (boardId: string, token: string): Promise<Blob> => {
    const response = await send(path(boardId), { token });
    return new Blob([await response.text()], { type: 'application/json' });
  },
  /** The readable version in the person's language, as a page of its own (readablePage.ts). */
  readable: async (boardId: string, token: string, locale: Locale): Promise<Blob> => {
    const query = `?format=md&lang=${encodeURIComponent(locale)}`;
    const response = await send(`${path(boardId)}${query}`, { token });
    const page = readablePage(await response.text(), intlTag(locale), textDirection(locale));
    return new Blob([page], { type: 'text/html;charset=utf-8' });
  },
};
