export * from './api.ts';
export { createWorld, type World } from './world.ts';
