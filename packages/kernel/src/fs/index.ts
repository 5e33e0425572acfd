export * from './synth.ts';
