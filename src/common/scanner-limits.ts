// The barcode scanner's one setting (issue 12 point 1): the largest average gap between the keys of a
// scanner burst, ms. Core keeps it (settings table, schema bounds); the renderer's scanner uses it.

export const SCANNER_GAP_DEFAULT_MS = 50;
export const SCANNER_GAP_MIN_MS = 5;
export const SCANNER_GAP_MAX_MS = 100;
/** No single gap in a burst may be longer than this many times the setting. */
export const SCANNER_MAX_GAP_FACTOR = 5;
