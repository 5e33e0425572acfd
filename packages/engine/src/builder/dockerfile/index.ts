// The Dockerfile frontend: text → stages of typed instructions.

import { DockerfileError } from './errors.ts';
import { parseStages, type Dockerfile } from './instructions.ts';
import { parseDirectivesAndLines } from './parser.ts';

export interface ParsedDockerfile extends Dockerfile { escape: string; warnings: string[]; directives: Record<string, string> }

/** Parses a Dockerfile; throws DockerfileError with Docker's message and the lines concerned. */
export function parseDockerfile(text: string): ParsedDockerfile {
  if (text.length === 0) throw new DockerfileError('the Dockerfile cannot be empty');
  const r = parseDirectivesAndLines(text);
  const df = parseStages(r.nodes);
  return { ...df, escape: r.escape, warnings: r.warnings, directives: r.directives };
}

export { DockerfileError } from './errors.ts';
export { ShellLex, goQuote, type EnvLookup } from './shell-lex.ts';
export type { Instruction, Stage, HealthConfig, KeyValue, SourceContent, ShellDependent } from './instructions.ts';
export { parseInstruction } from './instructions.ts';
export { parseDirectivesAndLines, type Node, type Heredoc } from './parser.ts';
export { goDurationString } from './duration.ts';
