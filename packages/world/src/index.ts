export * from './api.ts';
export { createWorld, type World } from './world.ts';
export { type HostGateway, GATEWAY_PATH } from './host-socket.ts';
