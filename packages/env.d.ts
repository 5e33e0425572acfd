// The few host APIs packages/ may use: present in every browser and in Node,
// but not part of the ES2022 library. Nothing else from a host compiles here.
declare class TextEncoder { encode(input?: string): Uint8Array; }
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
