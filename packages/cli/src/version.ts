// The client build this CLI reproduces (`docker version`'s Client section).

export const CLIENT_VERSION = '28.2.2';
export const CLIENT_API_VERSION = '1.50';
export const GO_VERSION = 'go1.24.3';
export const GIT_COMMIT = 'e6534b4';
export const BUILT = 'Fri May 30 12:07:14 2025';
export const OS_ARCH = 'linux/amd64';
