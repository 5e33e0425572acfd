// The lesson format. A lesson is a folder under the top-level lessons/:
//
//   lessons/01-containers-are-processes/
//     steps.json   what each step starts from, asks, checks, hints, solves
//     ko.md        the text in Korean
//     en.md        the text in English
//
// A text file opens with `# Title` and an introduction; then each `## ` heading
// starts the next step, in the order of steps.json.

export type Lang = 'ko' | 'en';
export const LANGS: readonly Lang[] = ['ko', 'en'];

/** A text in each language. */
export type Localized<T = string> = Record<Lang, T>;

/** The world a step starts from when the learner resets to it (or jumps to it). */
export interface StartSpec {
  /** Images present locally (pulled before anything else). */
  images?: string[];
  /** Files written on the host: path -> content. */
  files?: Record<string, string>;
  /** Commands run on the host's shell, in order, after the images and files. */
  run?: string[];
}

/** Matches one process of a container's process tree. */
export interface ProcMatch {
  /** The command name (comm, as `ps -o comm` prints it). */
  comm?: string;
  /** The argv starts with these words. */
  argv?: string[];
  /** Each of these matches a distinct direct child. */
  children?: ProcMatch[];
}

/** What a container must be like; every given field must hold. */
export interface ContainerMatch {
  /** Its name, without the leading slash. */
  name?: string;
  /** The image it runs, as any reference to that image (alpine, alpine:latest, an id). */
  image?: string;
  /** Docker's state word: created, running, paused, restarting, exited, dead. */
  state?: string;
  /** The exit code of its last run (implies it is not running). */
  exitCode?: number;
  /** Its logs (stdout and stderr) contain this text. */
  logs?: string;
  /** Its logs hold at least this many lines. */
  logLines?: number;
  /**
   * The daemon sent it this signal (docker stop, docker kill), as its events
   * record: a name (SIGTERM, TERM) or a number.
   */
  signal?: string;
  /** Its PID 1 (a comm, or a process-tree shape). Implies it is running. */
  pid1?: string | ProcMatch;
  /** Some process of the container (any depth, execs too) has this comm. */
  process?: string;
  /** A file in its filesystem (read through the overlay's merged directory). */
  file?: FileMatch;
}

export interface FileMatch {
  path: string;
  /** The content contains this text (default: the file just exists). */
  contains?: string;
}

/** A check: data, evaluated against the world by checks.ts. */
export type Check =
  | { all: Check[] }
  | { any: Check[] }
  | { not: Check }
  /** Some container matches. */
  | { container: ContainerMatch }
  /** No container matches. */
  | { noContainer: ContainerMatch }
  /** An image is present locally. */
  | { image: string }
  /** A file on the host. */
  | { hostFile: FileMatch }
  /** A process on the host (any namespace). */
  | { hostProcess: ProcMatch };

export interface StepSpec {
  /** Stable id, kept in the learner's progress. */
  id: string;
  /**
   * The world earlier steps leave behind: built in a fresh world (after
   * removing every container) when the learner resets to this step or opens
   * the lesson at it. Not applied when arriving from the previous step.
   */
  start?: StartSpec;
  /**
   * Commands the lesson itself runs whenever the step begins, however the
   * learner arrived (after `start` on a reset): the containers a step hands
   * the learner to work on.
   */
  setup?: string[];
  check: Check;
  hints: Localized<string[]>;
  /** The reference solution: commands typed on the host, in order. */
  solution: string[];
  /** Other right ways: each must pass the check too (tests). */
  alternatives?: string[][];
  /** Wrong attempts: each must leave the check failing (tests). */
  wrong?: string[][];
  /** Internals panels the instructor view opens for this step. */
  panels?: string[];
}

export interface StepsFile {
  id: string;
  steps: StepSpec[];
}

export interface StepText {
  title: string;
  /** Markdown. */
  body: string;
}

export interface LessonText {
  title: string;
  intro: string;
  steps: StepText[];
}

export interface Lesson {
  id: string;
  steps: StepSpec[];
  text: Localized<LessonText>;
}
