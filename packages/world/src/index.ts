export * from './api.ts';
export { createWorld, type World } from './world.ts';
/** Loads the code programs load on first use (the page calls it once its prompt is up). */
export { preloadCode } from '@dockersim/kernel';
export { Journey, LAYER_DEPTH, type Hop, type Layer } from './journey.ts';
export { type HostGateway, GATEWAY_PATH } from './host-socket.ts';
