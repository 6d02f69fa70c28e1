// Lengths of the short texts the till sends over the bridge: the bridge schema (core) refuses longer
// ones and the screens stop typing at the same length.

/** History search text (a number off a bill, or part of one). */
export const SEARCH_TEXT_MAX_CHARS = 64;
/** Refund reason: WeChat's refund_desc is String(80). */
export const REFUND_REASON_MAX_CHARS = 80;
/** A cashier's or approving manager's name. */
export const PERSON_NAME_MAX_CHARS = 32;
/** What may be typed as a manager PIN (its format is checked by the PIN module, so a malformed one counts as a wrong try). */
export const MANAGER_PIN_MAX_CHARS = 16;

// --- issue 15.4 history tail search ---
/** A history search this long or longer also matches the END of an order number (what a customer reads off the bill). */
export const TAIL_SEARCH_MIN_CHARS = 6;
