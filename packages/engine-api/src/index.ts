export * from './types.ts';
export * from './errors.ts';
export * from './client.ts';
export * from './stdcopy.ts';
export * from './routes.ts';
export * from './transport/transport.ts';
export * from './transport/socket.ts';
