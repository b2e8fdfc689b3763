import { checkInviteInfo, checkPrivacyInfo, checkServerConfig } from '@common-ground/shared/api';
import { request } from './request';

/**
 * The requests the landing and join pages make before anyone interacts, checked without zod (shared's
 * hand-written checks), so those pages draw their first screen with neither zod nor the API's schemas.
 */
export const leanApi = {
  config: () => request(checkServerConfig, '/api/config'),
  getInvite: (code: string) => request(checkInviteInfo, `/api/invites/${encodeURIComponent(code)}`),
  /** Who is responsible for the data, imprint and accessibility statement: shown before a name is asked. */
  privacy: () => request(checkPrivacyInfo, '/api/privacy'),
};
