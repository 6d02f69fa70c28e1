// How large one sale may be: checked by the bridge schema (core) and by the till screen before it asks
// (renderer), so both say the same thing. Amount bounds are in money.ts (MAX_FEN).

/** Item lines in one sale. */
export const MAX_SALE_LINES = 200;
/** Characters (code points) in an item name; the bridge schema counts UTF-16 units, at most this many too. */
export const MAX_LINE_NAME_CHARS = 64;
/** Quantity of one line: 1 to this. */
export const MAX_LINE_QUANTITY = 9999;
