import { isBusinessDate, isRate } from '@fresh/domain';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { UsageError } from './usage-error';

/** Exit code of a command line that was wrong: unknown option, missing argument, bad value. */
export const USAGE_EXIT_CODE = 2;

/**
 * The conventions of every command line here (the `fresh` CLI and the bench), applied to a
 * command and all its subcommands: `-h/--help` everywhere, excess words refused, and a usage
 * error written as one line on stderr; the exit code comes from `exitCodeOf`, not process.exit.
 */
export function withConventions(command: Command): Command {
  command
    .exitOverride()
    .configureOutput({
      outputError: (text, write) =>
        write(
          `${text
            .trim()
            .split(/\s*\n\s*/)
            .join(' ')}\n`,
        ),
    })
    .allowExcessArguments(command.commands.length > 0);
  for (const sub of command.commands) withConventions(sub);
  return command;
}

/**
 * The exit code for an error out of `parseAsync`: 0 after help, 2 for a usage error (written
 * here as one line if commander has not written it already), undefined for anything else.
 */
export function exitCodeOf(
  error: unknown,
  err: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): number | undefined {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
  if (error instanceof UsageError) {
    err(`error: ${error.message}`);
    return USAGE_EXIT_CODE;
  }
  return undefined;
}

/** An option value that must be a whole number above 0. */
export function wholeNumber(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1)
    throw new InvalidArgumentError('Expected a whole number above 0.');
  return value;
}

/** An option value that must be a business date, YYYY-MM-DD. */
export function businessDate(text: string): string {
  if (!isBusinessDate(text)) throw new InvalidArgumentError('Expected a date YYYY-MM-DD.');
  return text;
}

/** An option value that must be a rate from 0 to 1, e.g. 0.15. */
export function rate(text: string): string {
  if (!isRate(text)) throw new InvalidArgumentError('Expected a rate from 0 to 1, e.g. 0.15.');
  return text;
}

/** What a command gets from its process: the data dir, stdout and stderr lines, its exit code. */
export interface Cli {
  dataDir: string;
  out(line: string): void;
  err(line: string): void;
  exit(code: number): void;
}

/** A parent command (`keys`, `audit`) named without one of its subcommands, or with a wrong one. */
export function needsSubcommand(parent: Command): Command {
  const names = parent.commands.map((c) => c.name());
  return parent.helpCommand(true).action((_options, command: Command) => {
    const [word] = command.args;
    throw new UsageError(
      word === undefined
        ? `${parent.name()} needs a command: ${names.join(', ')} (see fresh ${parent.name()} --help)`
        : `unknown ${parent.name()} command '${word}' (one of ${names.join(', ')})`,
    );
  });
}
