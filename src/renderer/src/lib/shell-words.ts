// Issue 15.6: names the shell shows in the chosen language.
import { DEFAULT_STORE_NAME } from '../../../common/settings-rules';
import type { Translate } from '../i18n/i18n';

/** The store's name; the factory default is shown in the chosen language until the owner names the store. */
export function storeNameShown(name: string, t: Translate): string {
  return name === DEFAULT_STORE_NAME ? t('shell.demoStore') : name;
}
