import type Database from 'better-sqlite3';
import { hashToken } from '../../auth/secrets';

/**
 * The schema, as an append-only list: entry i moves a database from version i to i + 1 (SQLite's user_version).
 * Never edit an entry that has shipped; add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE partners (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX partners_by_board ON partners(board_id);

  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id),
    partner_id TEXT REFERENCES partners(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'partner', 'observer')),
    color TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX participants_by_board ON participants(board_id);

  CREATE TABLE invites (
    code TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id),
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'partner', 'observer')),
    max_uses INTEGER,
    uses INTEGER NOT NULL DEFAULT 0,
    expires_at INTEGER NOT NULL,
    created_by TEXT REFERENCES participants(id),
    created_at INTEGER NOT NULL
  ) STRICT;

  -- The update log: one row per accepted document update, never deleted (audit trail, history, activity).
  -- seq is global and monotonic, so "everything after seq N" is one range scan per document.
  CREATE TABLE doc_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_key TEXT NOT NULL,
    participant_id TEXT REFERENCES participants(id),
    data BLOB NOT NULL,
    at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX doc_updates_by_doc ON doc_updates(doc_key, seq);

  -- Latest compacted state per document; only makes loading fast, the log stays the source of truth.
  CREATE TABLE doc_snapshots (
    doc_key TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    state BLOB NOT NULL,
    at INTEGER NOT NULL
  ) STRICT;
  `,
  `
  -- Consensus rounds, append-only: a round row is its state at opening, a closure row its end, a stance row one
  -- stance given. The triggers make "never rewritten" a property of the database, not only of the code.
  CREATE TABLE rounds (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id),
    goal_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    opened_at INTEGER NOT NULL,
    opened_by TEXT NOT NULL REFERENCES participants(id),
    deadline INTEGER,
    visibility TEXT NOT NULL CHECK (visibility IN ('open', 'hidden', 'anonymous')),
    auto_close INTEGER NOT NULL CHECK (auto_close IN (0, 1)),
    rule_json TEXT NOT NULL,
    wording_title TEXT NOT NULL,
    wording_description TEXT NOT NULL,
    wording_hash TEXT NOT NULL,
    eligible_json TEXT NOT NULL,
    UNIQUE (board_id, goal_id, number)
  ) STRICT;
  CREATE INDEX rounds_by_board ON rounds(board_id, opened_at);
  CREATE INDEX rounds_by_deadline ON rounds(deadline) WHERE deadline IS NOT NULL;

  CREATE TABLE round_closures (
    round_id TEXT PRIMARY KEY REFERENCES rounds(id),
    closed_at INTEGER NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('agreed', 'objected', 'no_quorum', 'invalidated')),
    reasons_json TEXT NOT NULL,
    closed_by TEXT REFERENCES participants(id)
  ) STRICT;

  CREATE TABLE stances (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    partner_id TEXT NOT NULL REFERENCES partners(id),
    stance TEXT NOT NULL CHECK (stance IN ('agree', 'concerns', 'stand_aside', 'object')),
    reason TEXT,
    provisional_until INTEGER,
    recorded_by TEXT NOT NULL REFERENCES participants(id),
    by_facilitator INTEGER NOT NULL CHECK (by_facilitator IN (0, 1)),
    at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX stances_by_round ON stances(round_id, id);

  CREATE TRIGGER rounds_immutable BEFORE UPDATE ON rounds
    BEGIN SELECT RAISE(ABORT, 'rounds are append-only'); END;
  CREATE TRIGGER rounds_undeletable BEFORE DELETE ON rounds
    BEGIN SELECT RAISE(ABORT, 'rounds are append-only'); END;
  CREATE TRIGGER round_closures_immutable BEFORE UPDATE ON round_closures
    BEGIN SELECT RAISE(ABORT, 'round closures are append-only'); END;
  CREATE TRIGGER round_closures_undeletable BEFORE DELETE ON round_closures
    BEGIN SELECT RAISE(ABORT, 'round closures are append-only'); END;
  CREATE TRIGGER stances_immutable BEFORE UPDATE ON stances
    BEGIN SELECT RAISE(ABORT, 'stances are append-only'); END;
  CREATE TRIGGER stances_undeletable BEFORE DELETE ON stances
    BEGIN SELECT RAISE(ABORT, 'stances are append-only'); END;

  -- The facilitator's settings per board; the decision rule applies to rounds opened after it was set.
  CREATE TABLE board_settings (
    board_id TEXT PRIMARY KEY REFERENCES boards(id),
    decision_rule_json TEXT NOT NULL,
    updated_by TEXT REFERENCES participants(id),
    updated_at INTEGER NOT NULL
  ) STRICT;
  `,
  `
  -- When each participant's last connection to its board document closed: the base of "since your last visit".
  CREATE TABLE participant_visits (
    participant_id TEXT PRIMARY KEY REFERENCES participants(id),
    last_seen_at INTEGER NOT NULL
  ) STRICT;

  -- The network inventory: one current profile per partner (a save replaces it) ...
  CREATE TABLE partner_profiles (
    partner_id TEXT PRIMARY KEY REFERENCES partners(id),
    profile_json TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES participants(id),
    updated_at INTEGER NOT NULL
  ) STRICT;

  -- ... and relations between partners. A removed relation keeps its row (removed_at): who claimed a tension or
  -- a funding link, and who took it back, stays on record.
  CREATE TABLE partner_relations (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id),
    from_partner TEXT NOT NULL REFERENCES partners(id),
    to_partner TEXT NOT NULL REFERENCES partners(id),
    kind TEXT NOT NULL CHECK (kind IN ('cooperation', 'informal', 'funding', 'tension')),
    strength INTEGER NOT NULL CHECK (strength BETWEEN 1 AND 3),
    note TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES participants(id),
    created_at INTEGER NOT NULL,
    removed_by TEXT REFERENCES participants(id),
    removed_at INTEGER
  ) STRICT;
  CREATE INDEX partner_relations_by_board ON partner_relations(board_id, created_at);
  `,
  `
  -- Log entries that cannot be applied (applying one threw or left pending state). The entry stays in the log,
  -- which is never rewritten; a row here makes every read skip it. The key is what the reads probe per entry, so
  -- skipping costs one lookup in a (usually empty) tree. Deleting a row releases the entry again.
  CREATE TABLE quarantined_updates (
    doc_key TEXT NOT NULL,
    seq INTEGER NOT NULL REFERENCES doc_updates(seq),
    reason TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (doc_key, seq)
  ) STRICT, WITHOUT ROWID;
  `,
  `
  -- An agreed round's lead, commitments and review date, frozen with its closure (GoalStructure as JSON). NULL for
  -- the other outcomes and for closures stored before this column: their agreement shows the current values.
  ALTER TABLE round_closures ADD COLUMN agreed_structure_json TEXT;
  `,
  `
  -- Invite codes are kept as their SHA-256 only, like tokens: whoever reads the database finds no way onto a
  -- board. Existing codes are hashed, so links already handed out keep working. Each invite gets an id to be listed
  -- and revoked by (hex: within the API's id alphabet), and revoked_at/by. The table is rebuilt rather than
  -- altered, and secure_delete zeroes the old table's pages, so the plain codes do not linger in the file.
  ALTER TABLE invites RENAME TO invites_plain;
  CREATE TABLE invites (
    id TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    board_id TEXT NOT NULL REFERENCES boards(id),
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'partner', 'observer')),
    max_uses INTEGER,
    uses INTEGER NOT NULL DEFAULT 0,
    expires_at INTEGER NOT NULL,
    created_by TEXT REFERENCES participants(id),
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    revoked_by TEXT REFERENCES participants(id)
  ) STRICT;
  INSERT INTO invites (id, code_hash, board_id, role, max_uses, uses, expires_at, created_by, created_at)
    SELECT lower(hex(randomblob(8))), sha256_hex(code), board_id, role, max_uses, uses, expires_at, created_by,
      created_at
    FROM invites_plain;
  PRAGMA secure_delete = ON;
  DROP TABLE invites_plain;
  PRAGMA secure_delete = OFF;
  CREATE INDEX invites_by_board ON invites(board_id, created_at);
  `,
  `
  -- Edits of a goal's wording that an open round's lock refused, kept as proposed amendments. One proposal per
  -- author and round (the partial index): a later refused edit replaces it. Only the facilitator resolves one.
  CREATE TABLE amendments (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id),
    goal_id TEXT NOT NULL,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    author_id TEXT NOT NULL REFERENCES participants(id),
    title TEXT,
    description TEXT,
    proposed_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('proposed', 'adopted', 'dismissed')),
    resolved_by TEXT REFERENCES participants(id),
    resolved_at INTEGER
  ) STRICT;
  CREATE UNIQUE INDEX amendments_one_proposal ON amendments(round_id, author_id) WHERE status = 'proposed';
  CREATE INDEX amendments_by_board ON amendments(board_id, proposed_at);
  `,
  `
  -- Who created each goal and comment, by the socket its update came from (never the document's createdBy or
  -- authorId). The key makes the first writer win: a later claim of the same item is ignored. content_hash binds a
  -- comment's attribution to its text (NULL for goals). A board's row in attribution_backfills says its older log
  -- was scanned once for what was created before this table existed.
  CREATE TABLE attributions (
    board_id TEXT NOT NULL REFERENCES boards(id),
    kind TEXT NOT NULL CHECK (kind IN ('goal', 'comment')),
    item_id TEXT NOT NULL,
    goal_id TEXT NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    content_hash TEXT,
    at INTEGER NOT NULL,
    PRIMARY KEY (board_id, kind, item_id)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE attribution_backfills (
    board_id TEXT PRIMARY KEY REFERENCES boards(id),
    at INTEGER NOT NULL
  ) STRICT;
  `,
  `
  -- Tokens per device: a participant may hold several (moving to a new phone keeps the laptop), each stored as its
  -- SHA-256 only, and any can end without the others. Every existing token moves here as its participant's first
  -- device; participants.token_hash keeps that first hash but is read no more (dropping a UNIQUE column takes a
  -- table rebuild). A removed participant keeps its row, so names and history stay true; it has no tokens.
  CREATE TABLE participant_tokens (
    token_hash TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    created_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX participant_tokens_by_participant ON participant_tokens(participant_id);
  INSERT INTO participant_tokens (token_hash, participant_id, created_at)
    SELECT token_hash, id, created_at FROM participants;
  ALTER TABLE participants ADD COLUMN removed_at INTEGER;
  ALTER TABLE participants ADD COLUMN removed_by TEXT REFERENCES participants(id);

  -- One-time links onto another device (made by the person) or back in after a lost one (made by a facilitator or
  -- the operator's recovery command, created_by NULL). Stored by the code's hash; used_at makes them single use.
  CREATE TABLE device_links (
    code_hash TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id),
    participant_id TEXT NOT NULL REFERENCES participants(id),
    kind TEXT NOT NULL CHECK (kind IN ('device', 'reentry')),
    expires_at INTEGER NOT NULL,
    created_by TEXT REFERENCES participants(id),
    created_at INTEGER NOT NULL,
    used_at INTEGER
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX device_links_by_participant ON device_links(participant_id);
  `,
  `
  -- Organisations and memberships are confirmed: nobody speaks for an organisation the facilitator (or a confirmed
  -- member of it) has not confirmed. NULL = waiting. What exists already was accepted under the old rules and is
  -- confirmed, so existing boards keep working. proposed_by names the person whose join proposed the organisation
  -- (confirming it confirms them); no foreign key, because that join inserts the organisation before the person.
  -- A declined organisation keeps its row (declined_at), for the record.
  ALTER TABLE partners ADD COLUMN confirmed_at INTEGER;
  ALTER TABLE partners ADD COLUMN proposed_by TEXT;
  ALTER TABLE partners ADD COLUMN declined_at INTEGER;
  UPDATE partners SET confirmed_at = created_at;
  ALTER TABLE participants ADD COLUMN confirmed_at INTEGER;
  UPDATE participants SET confirmed_at = created_at WHERE partner_id IS NOT NULL;
  -- An invite may name the one organisation its people join: they need no confirmation.
  ALTER TABLE invites ADD COLUMN partner_id TEXT REFERENCES partners(id);
  `,
  `
  -- Comments the facilitator hid. The comment stays in the board document and the log (what was said stays on
  -- record); this row only tells clients to show "hidden by …" instead. Showing it again keeps the row (who hid it,
  -- who showed it again); hiding it again later starts a new hide on the same row.
  CREATE TABLE hidden_comments (
    board_id TEXT NOT NULL REFERENCES boards(id),
    comment_id TEXT NOT NULL,
    goal_id TEXT NOT NULL,
    hidden_by TEXT NOT NULL REFERENCES participants(id),
    hidden_at INTEGER NOT NULL,
    unhidden_by TEXT REFERENCES participants(id),
    unhidden_at INTEGER,
    PRIMARY KEY (board_id, comment_id)
  ) STRICT, WITHOUT ROWID;
  `,
  `
  -- Translations of goals are attributed too: kind 'translation', one row per person whose update changed a goal's
  -- translation into a language (item_id '<goalId>:<lang>:<participantId>'; the first writer's row is the oldest).
  -- SQLite cannot change a CHECK constraint, so the table is rebuilt with its rows.
  CREATE TABLE attributions_next (
    board_id TEXT NOT NULL REFERENCES boards(id),
    kind TEXT NOT NULL CHECK (kind IN ('goal', 'comment', 'translation')),
    item_id TEXT NOT NULL,
    goal_id TEXT NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    content_hash TEXT,
    at INTEGER NOT NULL,
    PRIMARY KEY (board_id, kind, item_id)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO attributions_next (board_id, kind, item_id, goal_id, participant_id, content_hash, at)
    SELECT board_id, kind, item_id, goal_id, participant_id, content_hash, at FROM attributions;
  DROP TABLE attributions;
  ALTER TABLE attributions_next RENAME TO attributions;
  `,
  `
  -- E-mail. An address is personal data and lives here only: never in the update log or the record document.
  -- One row per participant who gave one; confirm_token_hash is cleared once the link was used (it works once).
  CREATE TABLE mail_recipients (
    participant_id TEXT PRIMARY KEY REFERENCES participants(id),
    board_id TEXT NOT NULL REFERENCES boards(id),
    address TEXT NOT NULL,
    confirmed_at INTEGER,
    confirm_token_hash TEXT UNIQUE,
    confirm_sent_at INTEGER,
    digest TEXT NOT NULL CHECK (digest IN ('off', 'daily', 'weekly')),
    round_awaits INTEGER NOT NULL CHECK (round_awaits IN (0, 1)),
    outcomes INTEGER NOT NULL CHECK (outcomes IN (0, 1)),
    invitations INTEGER NOT NULL CHECK (invitations IN (0, 1)),
    language TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX mail_recipients_by_address ON mail_recipients(lower(address));
  -- The durable outbox: a mail is queued in the database and sent by a worker that claims it with a lease
  -- (claimed_by, claimed_until). The address is read from mail_recipients when the mail is claimed, so removing
  -- an address leaves none behind here.
  CREATE TABLE mail_outbox (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id),
    recipient_id TEXT NOT NULL REFERENCES participants(id),
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    html TEXT NOT NULL,
    headers TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    unsubscribe_token_hash TEXT NOT NULL UNIQUE,
    dedupe_key TEXT UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    attempts INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    claimed_by TEXT,
    claimed_until INTEGER,
    sent_at INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);
  CREATE INDEX mail_outbox_by_recipient ON mail_outbox(recipient_id, status);
  CREATE INDEX mail_outbox_by_board ON mail_outbox(board_id, status);
  `,
  `
  -- Digests: the end of the period a recipient's last digest covered (the next covers from there; null = none yet).
  ALTER TABLE mail_recipients ADD COLUMN digest_until INTEGER;
  `,
  `
  -- Meetings the facilitator schedules. A change replaces the row and raises sequence by one (the iCalendar
  -- SEQUENCE: calendars replace their copy); a cancelled meeting stays with status 'cancelled'.
  CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id),
    title TEXT NOT NULL,
    start_at INTEGER NOT NULL,
    end_at INTEGER NOT NULL,
    time_zone TEXT NOT NULL,
    place TEXT,
    link TEXT,
    agenda_json TEXT NOT NULL,
    note TEXT,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
    sequence INTEGER NOT NULL,
    created_by TEXT NOT NULL REFERENCES participants(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX meetings_by_board ON meetings(board_id, start_at);
  -- One secret calendar feed per participant: feed_id finds it, only the secret's hash is stored.
  CREATE TABLE calendar_feeds (
    participant_id TEXT PRIMARY KEY REFERENCES participants(id),
    board_id TEXT NOT NULL REFERENCES boards(id),
    feed_id TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  `,
  `
  -- Files sent with a mail (a meeting invitation's .ics), as a JSON array stored with it: a retry sends the same.
  ALTER TABLE mail_outbox ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';
  `,
  `
  -- Minutes of a meeting: the facilitator's draft (attendance corrections, guests, next steps, notes as JSON) with
  -- a version against concurrent edits; final_json is the content frozen when finalised, after which the row
  -- never changes (ids only: names are looked up when read, so an erasure applies to finalised minutes too).
  CREATE TABLE meeting_minutes (
    meeting_id TEXT PRIMARY KEY REFERENCES meetings(id),
    board_id TEXT NOT NULL REFERENCES boards(id),
    version INTEGER NOT NULL,
    draft_json TEXT NOT NULL,
    final_json TEXT,
    finalised_at INTEGER,
    finalised_by TEXT REFERENCES participants(id),
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE TRIGGER meeting_minutes_frozen BEFORE UPDATE ON meeting_minutes WHEN OLD.final_json IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'finalised minutes are frozen'); END;
  -- Partners' comments on a draft; none can be added once the minutes are final.
  CREATE TABLE meeting_minutes_comments (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    board_id TEXT NOT NULL REFERENCES boards(id),
    participant_id TEXT NOT NULL REFERENCES participants(id),
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX meeting_minutes_comments_by_meeting ON meeting_minutes_comments(meeting_id, created_at);
  -- Who was connected to the board during a meeting (the attendance the minutes start from).
  CREATE TABLE meeting_attendance (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    participant_id TEXT NOT NULL REFERENCES participants(id),
    first_seen_at INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, participant_id)
  ) STRICT;
  `,
  `
  -- The facilitator's addition to the privacy notice on the join page (joint controllers, whom to ask), per board.
  CREATE TABLE board_privacy_notes (
    board_id TEXT PRIMARY KEY REFERENCES boards(id),
    text TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES participants(id),
    updated_at INTEGER NOT NULL
  ) STRICT;
  `,
  `
  -- E-mail, second part. Finalised minutes of meetings are a choice of their own; addresses given before it
  -- existed read it as on (what a new address gets). The name shown as the sender of a board's mails
  -- ("Stadtteilrunde Nordstadt" <MAIL_FROM>), set by the facilitator; without a row the board's title.
  ALTER TABLE mail_recipients ADD COLUMN minutes INTEGER NOT NULL DEFAULT 1 CHECK (minutes IN (0, 1));
  CREATE TABLE mail_senders (
    board_id TEXT PRIMARY KEY REFERENCES boards(id),
    name TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES participants(id),
    updated_at INTEGER NOT NULL
  ) STRICT;
  `,
  `
  -- Erasure (DSGVO Art. 17): the name is replaced by a pseudonym numbered per board ("former participant 3");
  -- the row stays, so what the person contributed stays attributed to the pseudonym and their organisation.
  ALTER TABLE participants ADD COLUMN erased_number INTEGER;
  ALTER TABLE participants ADD COLUMN erased_at INTEGER;
  -- Retention: when the person was last told that their data will be erased for inactivity.
  ALTER TABLE participants ADD COLUMN retention_warned_at INTEGER;
  CREATE UNIQUE INDEX participants_erased_number ON participants(board_id, erased_number)
    WHERE erased_number IS NOT NULL;
  `,
  `
  -- A board's lifecycle (archived, deletion pending); no row = active. delete_after: when the purge removes it.
  CREATE TABLE board_lifecycle (
    board_id TEXT PRIMARY KEY REFERENCES boards(id),
    archived_at INTEGER,
    archived_by TEXT REFERENCES participants(id),
    deletion_requested_at INTEGER,
    deletion_requested_by TEXT REFERENCES participants(id),
    delete_after INTEGER
  ) STRICT;
  CREATE INDEX board_lifecycle_due ON board_lifecycle(delete_after) WHERE delete_after IS NOT NULL;
  -- The one way past the append-only triggers: the purge of a deleted board inserts the board's id here, deletes
  -- its rounds, closures and stances, and removes the row again, all in one transaction (lifecycle.ts). SQLite has
  -- no session variables, and a trigger may not read a temporary table, so the permit is an ordinary table that
  -- is empty outside that transaction. Updates stay refused always.
  CREATE TABLE purge_permits (board_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
  DROP TRIGGER rounds_undeletable;
  CREATE TRIGGER rounds_undeletable BEFORE DELETE ON rounds
    WHEN NOT EXISTS (SELECT 1 FROM purge_permits WHERE board_id = OLD.board_id)
    BEGIN SELECT RAISE(ABORT, 'rounds are append-only'); END;
  DROP TRIGGER round_closures_undeletable;
  CREATE TRIGGER round_closures_undeletable BEFORE DELETE ON round_closures
    WHEN NOT EXISTS (SELECT 1 FROM purge_permits p JOIN rounds r ON r.board_id = p.board_id
      WHERE r.id = OLD.round_id)
    BEGIN SELECT RAISE(ABORT, 'round closures are append-only'); END;
  DROP TRIGGER stances_undeletable;
  CREATE TRIGGER stances_undeletable BEFORE DELETE ON stances
    WHEN NOT EXISTS (SELECT 1 FROM purge_permits p JOIN rounds r ON r.board_id = p.board_id
      WHERE r.id = OLD.round_id)
    BEGIN SELECT RAISE(ABORT, 'stances are append-only'); END;
  `,
  `
  -- Sealed log segments (docs/scaling.md, "The audit log on disk"): when a document's snapshot is saved, its log
  -- entries up to the snapshot move into one compressed blob (storage/logSegment.ts) with every entry's seq, author
  -- and time. Append-only like the log: a segment is deleted only by the purge or a record document's compaction.
  CREATE TABLE doc_update_segments (
    doc_key TEXT NOT NULL,
    first_seq INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    n INTEGER NOT NULL CHECK (n > 0),
    first_at INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (doc_key, first_seq),
    CHECK (first_seq <= last_seq)
  ) STRICT;
  CREATE TRIGGER doc_update_segments_immutable BEFORE UPDATE ON doc_update_segments
    BEGIN SELECT RAISE(ABORT, 'log segments are append-only'); END;
  CREATE TRIGGER doc_update_segments_undeletable BEFORE DELETE ON doc_update_segments
    WHEN OLD.doc_key NOT LIKE '%/record' AND NOT EXISTS (SELECT 1 FROM purge_permits WHERE board_id = OLD.doc_key)
    BEGIN SELECT RAISE(ABORT, 'log segments are append-only'); END;
  -- The log itself: never changed; a row leaves only when a segment of its document covers its seq (moved, not
  -- lost), by a record document's compaction, or by the purge.
  CREATE TRIGGER doc_updates_immutable BEFORE UPDATE ON doc_updates
    BEGIN SELECT RAISE(ABORT, 'the update log is append-only'); END;
  CREATE TRIGGER doc_updates_sealed_only BEFORE DELETE ON doc_updates
    WHEN OLD.doc_key NOT LIKE '%/record'
      AND NOT EXISTS (SELECT 1 FROM purge_permits WHERE board_id = OLD.doc_key)
      AND NOT EXISTS (SELECT 1 FROM doc_update_segments s
        WHERE s.doc_key = OLD.doc_key AND OLD.seq BETWEEN s.first_seq AND s.last_seq)
    BEGIN SELECT RAISE(ABORT, 'the update log is append-only: only sealed entries move'); END;
  -- A quarantined entry may live in a segment, so the foreign key to doc_updates becomes a check on insert (the
  -- table is rebuilt: SQLite cannot drop a constraint). The code checks a sealed entry exactly, by decoding.
  CREATE TABLE quarantined_updates_next (
    doc_key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    reason TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (doc_key, seq)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO quarantined_updates_next (doc_key, seq, reason, at)
    SELECT doc_key, seq, reason, at FROM quarantined_updates;
  DROP TABLE quarantined_updates;
  ALTER TABLE quarantined_updates_next RENAME TO quarantined_updates;
  CREATE TRIGGER quarantined_updates_in_log BEFORE INSERT ON quarantined_updates
    WHEN NOT EXISTS (SELECT 1 FROM doc_updates WHERE seq = NEW.seq AND doc_key = NEW.doc_key)
      AND NOT EXISTS (SELECT 1 FROM doc_update_segments s
        WHERE s.doc_key = NEW.doc_key AND NEW.seq BETWEEN s.first_seq AND s.last_seq)
    BEGIN SELECT RAISE(ABORT, 'a quarantined entry must be in the document''s log'); END;
  -- Snapshots may be stored compressed (storage/snapshotCodec.ts): 0 = the state as is, 1 = Brotli.
  ALTER TABLE doc_snapshots ADD COLUMN codec INTEGER NOT NULL DEFAULT 0 CHECK (codec IN (0, 1));
  `,
];

/** SQL functions the migrations call; SQLite has no hash function of its own. */
function registerMigrationFunctions(db: Database.Database): void {
  db.function('sha256_hex', { deterministic: true }, (value: unknown) => hashToken(String(value)));
}

/**
 * Brings the database to version `target` (all of MIGRATIONS unless a test wants an older schema). Run migrations
 * through this, never with a bare exec: it registers the SQL functions they call.
 */
export function migrate(db: Database.Database, target = MIGRATIONS.length): void {
  const current = db.pragma('user_version', { simple: true });
  if (typeof current !== 'number' || current > MIGRATIONS.length) {
    throw new Error(`Database schema version ${String(current)} is newer than this server knows`);
  }
  registerMigrationFunctions(db);
  for (let version = current; version < target; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] ?? '');
      // PRAGMA takes no bound parameters; the value is a loop counter, never input.
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
