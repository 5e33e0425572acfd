// The long form of --publish that `docker run` accepts besides
// [ip:]host:container[/proto]: "published=8080,target=80[,protocol=udp]", as
// `docker service create` spells it. The CLI rewrites it into the short form
// before nat.ParsePortSpecs sees it (cli/command/container/opts.go,
// convertToStandardNotation).

import { OptsError } from './parse-opts.ts';

export function convertToStandardNotation(ports: string[]): string[] {
  return ports.map((publish) => {
    if (!publish.includes('=')) return publish;
    const params: Record<string, string> = { protocol: 'tcp' };
    for (const param of publish.split(',')) {
      const i = param.indexOf('=');
      if (i <= 0) throw new OptsError(`invalid publish opts format (should be name=value but got '${param}')`);
      params[param.slice(0, i)] = param.slice(i + 1);
    }
    // Missing keys print as Go's zero value, an empty string.
    return `${params.published ?? ''}:${params.target ?? ''}/${params.protocol}`;
  });
}
