import { once } from 'node:events';
import net from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail as the test SMTP server received it. */
export interface ReceivedMail {
  readonly to: string;
  readonly from: string;
  /** The From header as a mail program reads it: display name (decoded) and address. */
  readonly fromHeader: { readonly name: string; readonly address: string };
  readonly subject: string;
  readonly messageId: string;
  readonly text: string;
  readonly html: string;
  /** Header names lower-cased, values as sent (unfolded). */
  readonly headers: ReadonlyMap<string, string>;
  /** Attached files, their content decoded as UTF-8 text. */
  readonly attachments: readonly ReceivedAttachment[];
}

export interface ReceivedAttachment {
  readonly filename: string;
  /** The MIME type alone (`text/calendar`), as mailparser gives it. */
  readonly contentType: string;
  /** The Content-Type header's parameters (`method`, `charset`). */
  readonly params: Readonly<Record<string, string>>;
  readonly content: string;
}

export interface TestSmtp {
  readonly port: number;
  /** `smtp://127.0.0.1:<port>` for SMTP_URL. */
  readonly url: string;
  /** Every mail accepted so far, in order. */
  readonly received: ReceivedMail[];
  /** From now on every message waits at DATA, unanswered, until `resume`; `waiting` resolves when one does. */
  hold(): { readonly waiting: Promise<void> };
  /** Refuses the held messages (they were never accepted: a sender cut off meanwhile never saw them land) and accepts later ones. */
  resume(): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1, no TLS and no login, that collects what it receives: the server
 * under test talks SMTP to it as to any mail server, through nodemailer, with nothing mocked. `port` 0 = a free one.
 */
export async function startTestSmtp(port = 0): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let held: (() => void)[] | null = null;
  let onHeld: (() => void) | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Closing waits this long for open connections (a held one never ends by itself).
    closeTimeout: 100,
    onData(stream, session, callback) {
      const accept = () => {
        simpleParser(stream)
          .then((parsed) => {
            const headers = new Map<string, string>();
            for (const line of parsed.headerLines) {
              const colon = line.line.indexOf(':');
              headers.set(
                line.key,
                line.line
                  .slice(colon + 1)
                  .replace(/\r?\n\s+/g, ' ')
                  .trim(),
              );
            }
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address).join(','),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              fromHeader: {
                name: parsed.from?.value[0]?.name ?? '',
                address: parsed.from?.value[0]?.address ?? '',
              },
              subject: parsed.subject ?? '',
              messageId: parsed.messageId ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers,
              attachments: parsed.attachments.map((file) => {
                const type = file.headers.get('content-type');
                const params =
                  typeof type === 'object' && type !== null && 'params' in type
                    ? (type.params as Record<string, string>)
                    : {};
                return {
                  filename: file.filename ?? '',
                  contentType: file.contentType,
                  params,
                  content: file.content.toString('utf8'),
                };
              }),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      };
      if (held) {
        // No answer: the client waits for the reply to its data until it is cut off.
        held.push(() => {
          stream.resume();
          callback(new Error('not accepted'));
        });
        onHeld?.();
      } else {
        accept();
      }
    },
  });
  // A client killed mid-transfer resets its connection: expected here, not a failure of the test.
  server.on('error', () => {});
  server.listen(port, '127.0.0.1');
  await once(server.server, 'listening');
  const address = server.server.address() as net.AddressInfo;
  return {
    port: address.port,
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    hold: () => {
      held = [];
      return {
        waiting: new Promise<void>((resolve) => {
          onHeld = resolve;
        }),
      };
    },
    resume: () => {
      const waiting = held ?? [];
      held = null;
      for (const refuse of waiting) refuse();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (yet): an SMTP server that is down. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
