import { parseArgs } from 'node:util';
import { dataTexts } from '../texts/cli.js';

/** The arguments of the data:* commands, each mistake named in German with the command's usage. */

export type Options = Record<string, { type: 'string' | 'boolean'; short?: string }>;
type Parsed = { ok: true; values: Record<string, string | boolean | undefined>; positionals: string[] } | { ok: false; problem: string };

// Non-strict parsing with tokens, so that every mistake gets a German message naming the argument.
function parse(args: string[], options: Options, positionals: number): Parsed {
  const withHelp: Options = { ...options, help: { type: 'boolean', short: 'h' } };
  const { values, tokens } = parseArgs({ args, options: withHelp, strict: false, allowPositionals: true, tokens: true });
  const words: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (words.length >= positionals) return { ok: false, problem: dataTexts.options.unexpected(token.value) };
      words.push(token.value);
    }
    if (token.kind !== 'option') continue;
    const option = Object.hasOwn(withHelp, token.name) ? withHelp[token.name] : undefined;
    if (option === undefined) return { ok: false, problem: dataTexts.options.unknownOption(token.rawName) };
    if (option.type === 'string' && token.value === undefined) return { ok: false, problem: dataTexts.options.missingValue(token.rawName) };
    if (option.type === 'boolean' && token.value !== undefined)
      return { ok: false, problem: dataTexts.options.unexpected(`${token.rawName}=${token.value}`) };
  }
  return { ok: true, values, positionals: words };
}

type Call = { values: Record<string, string | boolean | undefined>; positionals: string[] };

/** The arguments of a call, or its exit code when it was wrong (2, with the usage) or asked for help (0). */
export function call(
  args: string[],
  options: Options,
  positionals: number,
  usage: string,
  deps: { out: (text: string) => void; err: (text: string) => void },
): Call | number {
  const parsed = parse(args, options, positionals);
  if (!parsed.ok) {
    deps.err(`${parsed.problem}\n\n${usage}`);
    return 2;
  }
  if (parsed.values.help === true) {
    deps.out(usage);
    return 0;
  }
  return parsed;
}

export const text = (value: string | boolean | undefined) => (typeof value === 'string' ? value : undefined);
