import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_DELETION_GRACE_DAYS,
  HTTP_URL_PATTERN,
  hasControlCharacters,
  PRIVACY_SETTING_LIMITS,
} from '@common-ground/shared/api';
import { Limits } from '@common-ground/shared/protocol';
import { z } from 'zod';
import type { RateLimitConfig } from './http/rateLimit';
import { LOG_LEVELS, type LogLevel } from './log';
import { NO_PRIVACY_SETTINGS, type PrivacyConfig, readNoticeFile } from './privacy/settings';
import type { LingerSettings } from './rooms/lingering';
import type { LogBudgetConfig } from './rooms/logBudget';
import type { MessageRates } from './ws/messageRate';
import type { SocketCapLimits } from './ws/socketCaps';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const byteLimit = (fallback: number) => z.coerce.number().int().min(1024).default(fallback);

/** Requests per minute (the bucket also allows this many at once); 0 switches the limit off. */
const perMinute = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/** Frames one socket may send per second (earned back into its burst); 0 switches the limit off. */
const perSecond = (fallback: number) => z.coerce.number().min(0).default(fallback);
const burst = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
/** Open sockets; 0 switches the cap off. */
const socketCap = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/** An operator's text for the privacy notice: shown to everyone before they join, so bounded and without controls. */
const privacyText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !hasControlCharacters(text), 'no control characters')
    .optional();
/** A link on the join page: http(s) only, so no `javascript:` address can become a link people click. */
const pageUrl = z
  .url({ protocol: /^https?$/ })
  .max(PRIVACY_SETTING_LIMITS.url)
  .regex(HTTP_URL_PATTERN, 'an http(s) address without spaces')
  .optional();

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  // Unset: 127.0.0.1, or every interface (0.0.0.0) in round-table mode.
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  ROUND_TABLE: z.stringbool().default(false),
  // Paths to PEM files; both set = HTTPS and wss (see listener.ts).
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  // The LAN address to put into links instead of the one round-table mode picks (an IP address or a host name).
  ROUND_TABLE_ADDRESS: z.union([z.ipv4(), z.ipv6(), z.hostname()]).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  MAX_MESSAGE_BYTES: byteLimit(Limits.maxMessageBytes),
  MAX_DOC_BYTES: byteLimit(Limits.maxDocBytes),
  MAX_AWARENESS_BYTES: byteLimit(Limits.maxAwarenessBytes),
  MAX_BODY_BYTES: byteLimit(Limits.maxJsonBodyBytes),
  // A board archive's upload (POST /api/boards/import) only: two documents' logs and snapshots, base64 in JSON.
  MAX_ARCHIVE_BYTES: byteLimit(256 * 1024 * 1024),
  STATIC_DIR: z.string().min(1).optional(),
  MAX_BUFFERED_BYTES: byteLimit(8 * 1024 * 1024),
  MAX_CONNECTIONS: z.coerce.number().int().min(1).default(2000),
  SNAPSHOT_EVERY: z.coerce.number().int().min(0).default(500),
  ROOM_LINGER_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  ROOM_LINGER_MAX: z.coerce.number().int().min(0).default(64),
  LOG_BUDGET_PARTICIPANT_BYTES: byteLimit(8 * 1024 * 1024),
  LOG_BUDGET_BOARD_BYTES: byteLimit(64 * 1024 * 1024),
  LOG_BUDGET_WINDOW_MINUTES: z.coerce.number().int().min(1).default(60),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/)
    .default('common-ground'),
  CLUSTER_CHECK_MS: z.coerce.number().int().min(100).default(5000),
  RATE_LIMIT_API_PER_IP: perMinute(600),
  RATE_LIMIT_API_PER_TOKEN: perMinute(300),
  RATE_LIMIT_WS_PER_IP: perMinute(300),
  RATE_LIMIT_WS_PER_TOKEN: perMinute(120),
  BOARD_CREATE_PER_HOUR: z.coerce.number().int().min(0).default(20),
  BOARD_DELETION_GRACE_DAYS: z.coerce.number().int().min(0).max(3650).default(DEFAULT_DELETION_GRACE_DAYS),
  // Retention (DSGVO Art. 5(1)(e)); 0 switches a rule off. See retention/policy.ts and README, "Retention".
  RETENTION_INACTIVE_MONTHS: z.coerce.number().int().min(0).max(600).default(36),
  RETENTION_WARNING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  RETENTION_BOARD_IDLE_MONTHS: z.coerce.number().int().min(0).max(600).default(12),
  // Visible ASCII only: it travels in an HTTP header, which browsers send as Latin-1 at best.
  BOARD_CREATE_KEY: z
    .string()
    .regex(/^[\x21-\x7e]{1,1024}$/, 'visible ASCII characters without spaces, at most 1024')
    .optional(),
  WS_UPDATE_BURST: burst(300),
  WS_UPDATES_PER_SECOND: perSecond(60),
  WS_PRESENCE_BURST: burst(60),
  WS_PRESENCE_PER_SECOND: perSecond(10),
  MAX_SOCKETS_PER_TOKEN: socketCap(24),
  MAX_SOCKETS_PER_IP: socketCap(300),
  WS_REFUSALS_BEFORE_PAUSE: z.coerce.number().int().min(0).default(3),
  // E-mail: without SMTP_URL nothing is sent and nothing is queued (see mail/).
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.email().max(254).optional(),
  // The privacy notice (DSGVO Art. 13), imprint and accessibility statement: see privacy/settings.ts.
  OPERATOR_NAME: privacyText(PRIVACY_SETTING_LIMITS.operatorName),
  OPERATOR_CONTACT: privacyText(PRIVACY_SETTING_LIMITS.contact),
  DPO_CONTACT: privacyText(PRIVACY_SETTING_LIMITS.contact),
  IMPRINT_URL: pageUrl,
  ACCESSIBILITY_URL: pageUrl,
  ACCESSIBILITY_CONTACT: privacyText(PRIVACY_SETTING_LIMITS.contact),
  PRIVACY_NOTICE_FILE: z.string().min(1).optional(),
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.union([z.ipv4(), z.ipv6()]))),
});

export interface ServerLimits {
  readonly maxMessageBytes: number;
  readonly maxDocBytes: number;
  readonly maxAwarenessBytes: number;
  readonly maxBodyBytes: number;
  /** Unsent bytes above which a socket is a slow consumer and is terminated. */
  readonly maxBufferedBytes: number;
  /** Open websockets above which new upgrades get 503 (admission control under reconnect storms). */
  readonly maxConnections: number;
}

/** What one socket may send (MessageRates) and how many sockets one token or address may hold open. */
export interface SocketLimits extends MessageRates, SocketCapLimits {
  /** Updates refused as not applicable (4400) within 10 minutes before the participant is kept out for 5; 0 = off. */
  readonly refusalsBeforePause: number;
}

export interface BoardCreationConfig {
  /** Boards one client address may create per hour (at once, then earned back evenly); 0 = no limit. */
  readonly perHour: number;
  /** Creating a board needs this key (header X-Board-Create-Key); null = anyone may create boards. */
  readonly key: string | null;
}

/** Where mails go out: an SMTP server and the sender address (see mail/). */
export interface MailConfig {
  /** `smtp://user:pass@host:port` or `smtps://…` (TLS from the start); nodemailer reads it as it is. */
  readonly smtpUrl: string;
  /** The sender address of every mail. */
  readonly from: string;
}

/** Paths of the PEM certificate (with its chain) and private key that switch the server to HTTPS. */
export interface TlsFiles {
  readonly cert: string;
  readonly key: string;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Origin used in invite links; null = the origin the request came in on. */
  readonly publicUrl: string | null;
  /**
   * Round-table mode (`npm run round-table`): listen on the local network and, unless PUBLIC_URL is set, put the
   * laptop's LAN address (or `address`) into links (see lan/roundTable.ts); null = off.
   */
  readonly roundTable: { readonly address: string | null } | null;
  /** HTTPS with this certificate; null = plain HTTP. */
  readonly tls: TlsFiles | null;
  readonly logLevel: LogLevel;
  readonly limits: ServerLimits;
  /** What each participant, and each board, may add to the update log per window (see rooms/logBudget.ts). */
  readonly logBudget: LogBudgetConfig;
  /** The body limit of a board archive's import alone (MAX_ARCHIVE_BYTES); every other body keeps MAX_BODY_BYTES. */
  readonly maxArchiveBytes: number;
  readonly rateLimits: RateLimitConfig;
  /** Who may create boards, and how often: creating one needs no token (see http/routes/boards.ts). */
  readonly boardCreation: BoardCreationConfig;
  readonly socketLimits: SocketLimits;
  readonly staticDir: string;
  /** The clock for everything time-based (invite expiry, update log, later round deadlines); tests inject one. */
  readonly now: () => number;
  /**
   * A snapshot is written after this many logged updates (and on unload), so loading never replays a long log.
   * 0 = never: every load replays the whole log (for measuring what the snapshots save).
   */
  readonly snapshotEvery: number;
  /** How long, and how many, documents that server work left idle stay loaded (see rooms/lingering.ts). */
  readonly roomLinger: LingerSettings;
  /** Interval of websocket pings and keepalive frames; a socket silent for two intervals is terminated. */
  readonly keepaliveMs: number;
  /** PostgreSQL instead of the SQLite file in `dataDir`; null = SQLite. */
  readonly databaseUrl: string | null;
  /** Redis for fan-out between instances (needs `databaseUrl`); null = this process serves its boards alone. */
  readonly redisUrl: string | null;
  /** Key prefix of the instances that serve the same boards (one database, one prefix). */
  readonly redisPrefix: string;
  /**
   * How often an instance reads the database for updates of its open documents that the bus did not bring
   * (a lost message shows as a gap only once a later one arrives).
   */
  readonly clusterCheckMs: number;
  /** E-mail through an SMTP server; null = no mail at all (nothing queued, nothing sent). */
  readonly mail: MailConfig | null;
  /** Who the controller is, the imprint and accessibility statement, the operator's own notice texts. */
  readonly privacy: PrivacyConfig;
  /** How long a deleted board can be restored before the purge removes it (BOARD_DELETION_GRACE_DAYS). */
  readonly deletionGraceMs: number;
  /** When inactive people are pseudonymised and idle boards flagged (RETENTION_…). */
  readonly retention: RetentionConfig;
}

export interface RetentionConfig {
  /** Months without a visit after which a person's data is erased (pseudonymised); 0 = never. */
  readonly inactiveMonths: number;
  /** Days of warning (an e-mail where an address was given; the facilitators' list) before that. */
  readonly warningDays: number;
  /** Months without a change on a board after which its facilitators are asked to archive it; 0 = never. */
  readonly boardIdleMonths: number;
}

/** Reads the environment (empty variables count as unset); `overrides` win, for tests and embedding. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${fields}`);
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new Error(
      'Invalid configuration: REDIS_URL needs DATABASE_URL (instances share one PostgreSQL database)',
    );
  }
  if (Boolean(e.TLS_CERT) !== Boolean(e.TLS_KEY)) {
    throw new Error(
      `Invalid configuration: TLS_CERT and TLS_KEY go together (only ${e.TLS_CERT ? 'TLS_CERT' : 'TLS_KEY'} is set)`,
    );
  }
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new Error('Invalid configuration: SMTP_URL needs MAIL_FROM (the sender address of the mails)');
  }
  return {
    port: e.PORT,
    host: e.HOST ?? (e.ROUND_TABLE ? '0.0.0.0' : '127.0.0.1'),
    dataDir: path.resolve(e.DATA_DIR),
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    roundTable: e.ROUND_TABLE ? { address: e.ROUND_TABLE_ADDRESS ?? null } : null,
    tls: e.TLS_CERT && e.TLS_KEY ? { cert: path.resolve(e.TLS_CERT), key: path.resolve(e.TLS_KEY) } : null,
    logLevel: e.LOG_LEVEL,
    limits: {
      maxMessageBytes: e.MAX_MESSAGE_BYTES,
      maxDocBytes: e.MAX_DOC_BYTES,
      maxAwarenessBytes: e.MAX_AWARENESS_BYTES,
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxBufferedBytes: e.MAX_BUFFERED_BYTES,
      maxConnections: e.MAX_CONNECTIONS,
    },
    maxArchiveBytes: e.MAX_ARCHIVE_BYTES,
    logBudget: {
      participantBytes: e.LOG_BUDGET_PARTICIPANT_BYTES,
      boardBytes: e.LOG_BUDGET_BOARD_BYTES,
      windowMs: e.LOG_BUDGET_WINDOW_MINUTES * 60_000,
    },
    rateLimits: {
      apiPerIp: e.RATE_LIMIT_API_PER_IP,
      apiPerToken: e.RATE_LIMIT_API_PER_TOKEN,
      wsPerIp: e.RATE_LIMIT_WS_PER_IP,
      wsPerToken: e.RATE_LIMIT_WS_PER_TOKEN,
      trustedProxies: e.TRUST_PROXY,
    },
    socketLimits: {
      updateBurst: e.WS_UPDATE_BURST,
      updatesPerSecond: e.WS_UPDATES_PER_SECOND,
      presenceBurst: e.WS_PRESENCE_BURST,
      presencePerSecond: e.WS_PRESENCE_PER_SECOND,
      perToken: e.MAX_SOCKETS_PER_TOKEN,
      perAddress: e.MAX_SOCKETS_PER_IP,
      refusalsBeforePause: e.WS_REFUSALS_BEFORE_PAUSE,
    },
    staticDir: e.STATIC_DIR ? path.resolve(e.STATIC_DIR) : path.join(repoRoot, 'dist/client'),
    now: Date.now,
    snapshotEvery: e.SNAPSHOT_EVERY,
    roomLinger: { ms: e.ROOM_LINGER_MS, max: e.ROOM_LINGER_MAX },
    keepaliveMs: 15_000,
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.REDIS_PREFIX,
    clusterCheckMs: e.CLUSTER_CHECK_MS,
    boardCreation: { perHour: e.BOARD_CREATE_PER_HOUR, key: e.BOARD_CREATE_KEY ?? null },
    deletionGraceMs: e.BOARD_DELETION_GRACE_DAYS * 24 * 60 * 60 * 1000,
    retention: {
      inactiveMonths: e.RETENTION_INACTIVE_MONTHS,
      warningDays: e.RETENTION_WARNING_DAYS,
      boardIdleMonths: e.RETENTION_BOARD_IDLE_MONTHS,
    },
    mail: e.SMTP_URL && e.MAIL_FROM ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : null,
    privacy: {
      ...NO_PRIVACY_SETTINGS,
      operatorName: e.OPERATOR_NAME ?? null,
      operatorContact: e.OPERATOR_CONTACT ?? null,
      dpoContact: e.DPO_CONTACT ?? null,
      imprintUrl: e.IMPRINT_URL ?? null,
      accessibilityUrl: e.ACCESSIBILITY_URL ?? null,
      accessibilityContact: e.ACCESSIBILITY_CONTACT ?? null,
      notices: e.PRIVACY_NOTICE_FILE ? readNoticeFile(path.resolve(e.PRIVACY_NOTICE_FILE)) : {},
    },
    ...overrides,
  };
}
