import type { Meeting } from '@common-ground/shared/api';
import type { MeetingRecord } from '../storage/types';

/** A meeting as responses and the record document carry it: without the board id the path already names. */
export const toMeeting = ({ boardId: _boardId, ...meeting }: MeetingRecord): Meeting => meeting;
