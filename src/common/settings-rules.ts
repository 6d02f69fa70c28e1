// What a setting may hold and which settings need a manager's approval: one list for core (which
// enforces them) and the settings screen (which checks before asking and asks for the PIN).

/** Plain settings whose change needs a manager's approval. */
export const PROTECTED_PLAIN_SETTINGS = [
  'tillId',
  'appid',
  'mchId',
  'signType',
  'refundCapFen',
  'dailyRefundCapFen',
  'storeName', // issue 11 point 8 (i11-staff): the name customers see in WeChat is the owner's to change
] as const;
/** Every setting whose change needs approval: the plain ones and a new API key (write-only, stored apart). */
export const PROTECTED_SETTINGS = [...PROTECTED_PLAIN_SETTINGS, 'apiKey'] as const;
export type ProtectedSetting = (typeof PROTECTED_SETTINGS)[number];

/** Letters, digits, _ or -, up to 32 (WeChat's device_info is String(32)). */
export const TILL_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
/** wx followed by 16 letters or digits. */
export const APPID_PATTERN = /^wx[0-9A-Za-z]{16}$/;
export const MCH_ID_PATTERN = /^\d{6,12}$/;
/** The V2 API key: 32 letters or digits. */
export const API_KEY_PATTERN = /^[A-Za-z0-9]{32}$/;
export const STORE_NAME_MAX_CHARS = 64;
/** A new manager PIN: 4 to 8 digits. */
export const MANAGER_PIN_PATTERN = /^\d{4,8}$/;

// --- issue 15.6 one language at a time ---
/** The store name a new till starts with; the screens show it in the chosen language until the owner names the store. */
export const DEFAULT_STORE_NAME = 'Demo Store';
