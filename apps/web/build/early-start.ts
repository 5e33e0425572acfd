// A build step for index.html: start what the prompt waits for while the HTML
// is still being parsed, instead of after the page's own script has run.
// - the world's Web Worker begins booting at once (main.ts adopts it);
// - the xterm.js chunk and its stylesheet are fetched alongside main's.
import type { Plugin } from 'vite';

export function earlyStart(): Plugin {
  return {
    name: 'dockersim-early-start',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const files = Object.values(ctx.bundle ?? {}).map((f) => f.fileName);
        // the worker entry (worker-HASH.js), not a chunk named after a worker-side module
        const worker = files.find((f) => /^assets\/worker-[\w-]{8}\.js$/.test(f));
        const terminalJs = files.find((f) => /^assets\/terminal-[\w-]+\.js$/.test(f));
        const terminalCss = files.find((f) => /^assets\/terminal-[\w-]+\.css$/.test(f));
        const tags = [];
        if (worker) {
          tags.push({
            tag: 'script',
            children: `window.__dockersimWorker=new Worker('./${worker}',{type:'module',name:'world'})`,
            injectTo: 'head' as const,
          });
        }
        if (terminalJs) tags.push({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${terminalJs}` }, injectTo: 'head' as const });
        if (terminalCss) tags.push({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `./${terminalCss}` }, injectTo: 'head' as const });
        return tags;
      },
    },
  };
}
