export { docker, runDocker } from './docker.ts';
