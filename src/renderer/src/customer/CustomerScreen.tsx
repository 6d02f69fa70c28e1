// What the customer sees: idle (store name), the sale (lines, total, the QR to scan or "enter your
// password"), then thanks. Bilingual at once: the customer's language is not known.
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { customerQrSidePx, type CustomerView } from '../../../common/customer-view';
import { money } from '../lib/money';

interface CustomerWindow {
  customer?: { onView(listener: (view: CustomerView) => void): () => void };
}


function useViewportQrSide(): number {
  const [side, setSide] = useState(() => customerQrSidePx(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const onResize = (): void => setSide(customerQrSidePx(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return side;
}

function BigQr({ text, side }: { text: string; side: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 4, width: side })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text, side]);
  return src ? <img data-testid="customer-qr" src={src} width={side} height={side} alt="微信扫码支付 / Scan with WeChat to pay" draggable={false} /> : null;
}

export function CustomerScreen() {
  const [view, setView] = useState<CustomerView | null>(null);
  const side = useViewportQrSide();
  useEffect(() => (window as unknown as CustomerWindow).customer?.onView(setView), []);

  if (!view || view.screen === 'idle') {
    return (
      <main className="cd cd-idle" data-testid="customer-idle">
        <h1>{view?.storeName ?? ''}</h1>
        <p>欢迎光临 · Welcome</p>
      </main>
    );
  }
  if (view.screen === 'paid') {
    return (
      <main className="cd cd-paid" data-testid="customer-paid">
        <h1>支付成功，谢谢惠顾</h1>
        <p>Paid - thank you</p>
        <p className="cd-total">{money(view.totalFen)}</p>
      </main>
    );
  }
  return (
    <main className="cd cd-sale" data-testid="customer-sale">
      <section className="cd-lines">
        <h2>{view.storeName}</h2>
        <ul>
          {view.lines.map((l, i) => (
            <li key={i}>
              <span>{l.name}</span>
              <span>× {l.quantity}</span>
              <span>{money(l.lineFen)}</span>
            </li>
          ))}
        </ul>
        <p className="cd-total" data-testid="customer-total">
          合计 Total {money(view.totalFen)}
        </p>
      </section>
      <section className="cd-pay">
        {view.qr ? <BigQr text={view.qr} side={side} /> : null}
        <p data-testid="customer-prompt">
          {view.prompt === 'scan' ? '请用微信扫码支付 · Scan with WeChat to pay' : view.prompt === 'password' ? '请在手机上输入支付密码 · Please enter your password on your phone' : '请稍候 · Please wait'}
        </p>
      </section>
    </main>
  );
}
