// The lesson format. A lesson is a folder under the top-level lessons/:
//
//   lessons/01-containers-are-processes/
//     steps.json   what each step starts from, asks, checks, hints, solves
//     ko.md        the text in Korean
//     en.md        the text in English
//
// A text file opens with `# Title` and an introduction; then each `## ` heading
// starts the next step, in the order of steps.json.

import type { NetCheck } from './net-check.ts';
import type { HealthCheck } from './health-check.ts';

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
  /**
   * A file in its filesystem: under a volume or bind mount, the mount's
   * source on the host; elsewhere its own layer over the image's.
   */
  file?: FileMatch;
  /**
   * The program it runs, as `docker inspect` records it (.Path): a full path
   * or a bare name matches itself and any path ending in /name.
   */
  path?: string;
  /** The arguments after it (.Args), exactly. */
  args?: string[];
  /** A mount of the container. */
  mount?: MountMatch;
}

export interface FileMatch {
  path: string;
  /** The content contains this text (default: the file just exists). */
  contains?: string;
  /** The content, without the whitespace around it, is exactly this. */
  equals?: string;
  /** What it is: a regular file or a directory (default: either). */
  type?: 'file' | 'dir';
  /** Its numeric owner, as `stat -c %u:%g` prints it ("1000:1000"), or only the uid ("1000"). */
  owner?: string;
}

/** A mount of a container, from its inspect data and, while it runs, its mount table. */
export interface MountMatch {
  /** Where it is mounted in the container. */
  destination?: string;
  type?: 'volume' | 'bind' | 'tmpfs';
  /** A volume's name (type volume) or a host path (type bind). */
  source?: string;
  readOnly?: boolean;
}

/** What a local image must be like; every given field must hold. */
export interface ImageMatch {
  /** Any reference to it: name[:tag], an id. */
  ref: string;
  /** The number of its filesystem layers (RootFS.Layers). */
  layers?: number;
  /** Its layers start with every layer of this image (built FROM it). */
  base?: string;
  /** Exactly this many of its first layers are those of `with` (what a build cache reused). */
  sharedLayers?: { with: string; count: number };
  /** The same image (same id) as this reference. */
  sameAs?: string;
  config?: ImageConfigMatch;
  /** A file in its filesystem (its layers, top first). */
  file?: FileMatch;
}

/** Fields of an image's config (what `docker image inspect` shows under Config). */
export interface ImageConfigMatch {
  /** Exactly these lists; null for none. */
  cmd?: string[] | null;
  entrypoint?: string[] | null;
  shell?: string[];
  /** Healthcheck.Test exactly. */
  healthcheck?: string[];
  user?: string;
  workdir?: string;
  stopSignal?: string;
  /** Each of these entries is present (others may be too). */
  env?: string[];
  /** Ports as "8080/tcp". */
  exposedPorts?: string[];
  volumes?: string[];
  onBuild?: string[];
  labels?: Record<string, string>;
}

/** A local volume. */
export interface VolumeMatch {
  name: string;
  /** A file inside it, relative to its root ("note.txt" or "/note.txt"). */
  file?: FileMatch;
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
  /** An image is present locally (a reference), and is like this (a match). */
  | { image: string | ImageMatch }
  /** A volume exists (and holds a file). */
  | { volume: VolumeMatch }
  /** A file on the host. */
  | { hostFile: FileMatch }
  /** A process on the host (any namespace). */
  | { hostProcess: ProcMatch }
  | NetCheck
  | HealthCheck;

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
