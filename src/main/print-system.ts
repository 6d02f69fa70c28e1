// Issue 14 point 2b: the system printer through Electron's silent print. The slip is rendered to HTML
// by core (layout + html.ts), loaded into a hidden, sandboxed window without script or preload, and
// printed with the device's SYSTEM name and an explicit page width in microns - without one, Electron
// has sent A4 to 58 mm printers (electron issues #39670, #49374). The page height is the
// content's, so a long receipt is one page.
import { BrowserWindow } from 'electron';
import { fail, ok } from '../common/result';
import { layoutToHtml } from '../core/printing/html';
import { layoutDoc } from '../core/printing/layout';
import type { PrinterPort, PrintRequest } from '../core/printing/printer-port';
import { printPlan } from './print-plan';

export function createSystemPrinter(): PrinterPort {
  return {
    async print(req: PrintRequest) {
      const deviceName = req.deviceName;
      if (!deviceName) return fail({ kind: 'not_configured', detail: 'no system printer name' });
      const html = layoutToHtml(layoutDoc(req.doc, req.render), req.doc.kind);
      const win = new BrowserWindow({
        show: false,
        width: 400,
        height: 800,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webviewTag: false, spellcheck: false, disableBlinkFeatures: 'Auxclick' },
      });
      try {
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        const heightPx = (await win.webContents.executeJavaScript('document.body.scrollHeight', false).catch(() => 1200)) as number;
        const plan = printPlan(req.render.width, heightPx, deviceName);
        return await new Promise((resolve) => {
          win.webContents.print(plan, (success, reason) =>
            resolve(success ? ok(null) : fail({ kind: 'system_printer', detail: reason || 'print failed' })),
          );
        });
      } catch (e) {
        return fail({ kind: 'system_printer', detail: e instanceof Error ? e.message : String(e) });
      } finally {
        win.destroy();
      }
    },
  };
}
