import type { MinutesResponse } from '@common-ground/shared/api';

export type RunResult = 'done' | 'conflict' | 'failed';

/** What a section needs to change the minutes: the page runs the request, announces the result and moves focus. */
export interface MinutesEdit {
  readonly boardId: string;
  readonly meetingId: string;
  /** A change is on its way: further presses wait (the buttons say so with aria-disabled). */
  readonly working: boolean;
  /**
   * Sends `write`; on success announces `success`, otherwise the failure in plain words (after a 409 the minutes are
   * loaded again first: 'conflict'). Focus goes to the announcement either way.
   */
  readonly run: (write: (token: string) => Promise<MinutesResponse>, success: string) => Promise<RunResult>;
}
