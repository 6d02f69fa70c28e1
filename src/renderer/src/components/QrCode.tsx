// The code_url as a large, high-contrast QR: error correction M, a 4-module quiet zone, black on white,
// drawn to a data: URL (CSP img-src allows data:, nothing leaves the page).
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

export const QR_PX = 320;
/** Drawn this large so the CSS can scale it up with the window (issue 15.7) without blurring. */
const QR_DRAW_PX = 960;

export function QrCode({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, {
      errorCorrectionLevel: 'M',
      margin: 4,
      width: QR_DRAW_PX,
      color: { dark: '#000000ff', light: '#ffffffff' },
    })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text]);
  if (!src) return <div className="qr-placeholder" />;
  return <img className="qr" data-testid="qr" src={src} width={QR_PX} height={QR_PX} alt={label} draggable={false} />;
}
