// Checklist #5: the till needs no browser permission (camera, notifications, HID, ...): deny every
// request and every check. The default session otherwise approves all permission requests.
import type { Session } from 'electron';

export const denyPermission = (): false => false;

export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(denyPermission()));
  session.setPermissionCheckHandler(denyPermission);
  session.setDevicePermissionHandler(denyPermission);
}
