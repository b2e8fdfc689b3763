/** Board and participant ids: 16 URL-safe characters, so one in 64 begins with '-'. */
const ID = /^[A-Za-z0-9_-]{16}$/;

/**
 * parseArgs reads an argument beginning with '-' as an option: a board id like `-NM4IdrUsIWEAvz_` would be refused
 * as an unknown option. Option values are joined to their option, ids go after `--` as positionals.
 */
export function cliArgs(args: readonly string[]): string[] {
  const options: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const value = args[i + 1];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if ((arg === '--origin' || arg === '--participant') && value !== undefined) {
      options.push(`${arg}=${value}`);
      i += 1;
    } else if (ID.test(arg)) positionals.push(arg);
    else options.push(arg);
  }
  return [...options, '--', ...positionals];
}
