// The one interface every printer sits behind: the queue hands it a document and gets back printed or
// a fault. The network printer lives in core (tcp-printer.ts); Electron's system printer lives in main
// (src/main/print-system.ts), so core never imports electron.
import type { Result } from '../../common/result';
import type { PrintDoc, RenderOptions } from './print-doc';
import type { PrintFault } from './print-faults';

export interface PrintRequest {
  readonly doc: PrintDoc;
  readonly render: RenderOptions;
  readonly openDrawer: boolean;
  /** The system printer's name (system printers only; set by the print service from Settings). */
  readonly deviceName?: string;
}

export interface PrinterPort {
  print(req: PrintRequest): Promise<Result<null, PrintFault>>;
}
