/** A prettier parser plugin, left out of the Worker bundle with prettier itself (see prettier.ts). */
export const parsers = {};
export const printers = {};
