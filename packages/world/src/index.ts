export * from './api.ts';
export { createWorld, type World } from './world.ts';
export { Journey, LAYER_DEPTH, type Hop, type Layer } from './journey.ts';
export { type HostGateway, GATEWAY_PATH } from './host-socket.ts';
