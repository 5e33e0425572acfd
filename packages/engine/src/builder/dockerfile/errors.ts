// A Dockerfile error with the lines it concerns, as buildkit's parser wraps
// errors WithLocation: the message is Docker's, the range drives the
// "Dockerfile:N" excerpt the CLI prints above it.

export class DockerfileError extends Error {
  constructor(message: string, readonly startLine = 0, readonly endLine = startLine) { super(message); }
}

/** Marks an error with a location unless it already has one. */
export function withLocation(e: unknown, start: number, end: number): DockerfileError {
  if (e instanceof DockerfileError) return e.startLine ? e : new DockerfileError(e.message, start, end);
  return new DockerfileError(e instanceof Error ? e.message : String(e), start, end);
}

/** The wording every instruction parser uses (instructions/parse.go). */
export const errAtLeastOneArgument = (cmd: string) => new Error(`${cmd} requires at least one argument`);
export const errExactlyOneArgument = (cmd: string) => new Error(`${cmd} requires exactly one argument`);
export const errNoDestinationArgument = (cmd: string) =>
  new Error(`${cmd} requires at least two arguments, but only one was provided. Destination could not be determined`);
export const errBlankCommandNames = (cmd: string) => new Error(`${cmd} names can not be blank`);
export const errTooManyArguments = (cmd: string) => new Error(`Bad input to ${cmd}, too many arguments`);
export const errBadHeredoc = (cmd: string, what: string) => new Error(`${cmd} cannot accept a heredoc as ${what}`);
