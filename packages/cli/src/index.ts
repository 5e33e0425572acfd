// @dockersim/cli: the docker CLI as a program of the simulated kernel, and
// the pieces other command-line front ends (compose, stack) reuse.

// the program and its runner
export { docker, runDocker } from './docker.ts';
export { Cli, isConnectError, isNotFound, type ApiClient, type CliIO, type GlobalOptions } from './cli.ts';
export { sysIO } from './sysio.ts';
export { CLIENT_VERSION, CLIENT_API_VERSION, GO_VERSION, GIT_COMMIT, BUILT } from './version.ts';

// command tree, flags, help
export {
  CommandPath, StatusError, nameOf, noArgs, minArgs, maxArgs, rangeArgs, exactArgs,
  type ArgsCheck, type Command,
} from './cobra/command.ts';
export { renderHelp, allFlags, type ServerFeatures } from './cobra/help.ts';
export { FlagError, Opts, parseFlags, flagUsagesWrapped, type ParseResult } from './flags/flagset.ts';
export { applyValue, parseNanoCpus, type FlagSpec, type FlagSpecs, type FlagType } from './flags/types.ts';
export { parseBool, parseDuration, parseInt0, parseFloat64, formatGoDuration } from './flags/goparse.ts';
export { rootCommand } from './commands/root.ts';
export { FORMAT_HELP, INSPECT_FORMAT_HELP } from './commands/help-texts.ts';

// templates and formatting
export { Template, TemplateError, ExecError, goJSON, NO_VALUE, STRING_MAP, type TemplateFunc } from './template/index.ts';
export { TabWriter, tabulate } from './format/tabwriter.ts';
export {
  formatWrite, parseFormat, preFormat, headerMap, isTable, truncateID, goTimeString, ellipsis,
  TABLE_FORMAT_KEY, RAW_FORMAT_KEY, JSON_FORMAT_KEY, DEFAULT_QUIET_FORMAT, JSON_FORMAT,
} from './format/context.ts';
export { humanSize, humanSizeWithPrecision, bytesSize, ramInBytes, fromHumanSize, humanDuration } from '@dockersim/image';
export { F64, goStruct, jsonToGo, sprintf, sprint, sprintln, formatValue, formatFloatG, goQuote } from './format/gofmt.ts';
export {
  parseNormalizedNamed, familiarName, familiarString, familiarImage, fullName, referenceString, withDefaultTag,
  type Reference,
} from './format/reference.ts';
export { displayJSONMessages, JSONMessageError } from './format/jsonmessage.ts';
export { ContainerContext, displayablePorts, containerFormat, containerHeader } from './format/container.ts';
export { ImageContext, imageRows, imageFormat, imageHeader } from './format/image.ts';

// reusable client flows
export { streamConn, detachKeyBytes } from './commands/container/hijack.ts';
export { parsePortSpecs, parseRestartPolicy, parseMount } from './commands/container/parse-opts.ts';
export { forEachName, filtersOf, readAll } from './commands/util.ts';
export { confirm } from './commands/container/prune.ts';
export { inspectRefs, goEscapeJSON } from './commands/inspect-util.ts';

// test helpers (docker/cli's fakeClient)
export { bufferIO, fakeClient, type BufferIO } from './testing.ts';
