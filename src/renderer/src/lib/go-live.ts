// Going live as a checklist (issue 15.5): what is still missing before the till can take real money,
// from the settings view and the last "Test connection". Pure, so the rules are tested directly.
import type { PreflightLine, SettingsView } from '../../../common/api';
import { APPID_PATTERN, MCH_ID_PATTERN } from '../../../common/settings-rules';

export type GoLiveItem = 'appid' | 'mchId' | 'apiKey' | 'certificate' | 'ownerPin' | 'preflight';
export const GO_LIVE_ITEMS: readonly GoLiveItem[] = ['appid', 'mchId', 'apiKey', 'certificate', 'ownerPin', 'preflight'];

export interface GoLiveLine {
  readonly item: GoLiveItem;
  readonly done: boolean;
}

/** Each item and whether it is done; preflight counts only when every line of the last test passed. */
export function goLiveChecklist(view: SettingsView, preflight: readonly PreflightLine[] | null, nowMs: number): readonly GoLiveLine[] {
  const done = (item: GoLiveItem): boolean => {
    switch (item) {
      case 'appid':
        return APPID_PATTERN.test(view.appid);
      case 'mchId':
        return MCH_ID_PATTERN.test(view.mchId);
      case 'apiKey':
        return view.hasApiKey;
      case 'certificate':
        return view.certificate !== null && view.certificate.notAfter > nowMs;
      case 'ownerPin':
        return view.hasManagerPin;
      case 'preflight':
        return preflight !== null && preflight.length > 0 && preflight.every((l) => l.ok);
      default: {
        const never: never = item;
        return never;
      }
    }
  };
  return GO_LIVE_ITEMS.map((item) => ({ item, done: done(item) }));
}

/** Ready to go live: every item done. */
export const readyToGoLive = (lines: readonly GoLiveLine[]): boolean => lines.every((l) => l.done);
