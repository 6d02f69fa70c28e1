// Issue 14 point 2: the printer card in Settings - network (host:port) or system printer, paper width,
// slip language, auto-print on paid, drawer kick, a test page, and the waiting slips with their status.
// Core checks the address and width and answers in plain words (both languages), shown as is.
import { useEffect, useState } from 'react';
import type { PrinterSettings as Saved, PrinterSettingsInput, PrintJobView } from '../../../common/printing';
import { call, pos, usePosEvent } from '../bridge';
import { useI18n } from '../i18n/i18n-context';

type Form = { kind: PrinterSettingsInput['kind']; address: string; deviceName: string; width: number; locale: PrinterSettingsInput['locale']; autoPrint: boolean; openDrawer: boolean };

function toForm(s: Saved): Form {
  return {
    kind: s.target.kind,
    address: s.target.kind === 'network' ? `${s.target.host.includes(':') ? `[${s.target.host}]` : s.target.host}:${s.target.port}` : '',
    deviceName: s.target.kind === 'system' ? s.target.deviceName : '',
    width: s.width,
    locale: s.locale,
    autoPrint: s.autoPrint,
    openDrawer: s.openDrawer,
  };
}

export function PrinterSettings() {
  const { t } = useI18n();
  const [form, setForm] = useState<Form | null>(null);
  const [jobs, setJobs] = useState<readonly PrintJobView[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const refreshJobs = async (): Promise<void> => {
    const r = await call(() => pos.listPrintJobs());
    if (r.ok) setJobs(r.value);
  };
  useEffect(() => {
    void call(() => pos.getPrinterSettings()).then((r) => r.ok && setForm(toForm(r.value)));
    void refreshJobs();
  }, []);
  usePosEvent('printJob', () => void refreshJobs());

  if (!form) return null;
  const set = (patch: Partial<Form>): void => setForm({ ...form, ...patch });
  const save = async (): Promise<void> => {
    const r = await call(() => pos.savePrinterSettings(form));
    setMessage(r.ok ? { ok: true, text: t('printer.saved') } : { ok: false, text: r.message });
    if (r.ok) setForm(toForm(r.value));
  };
  const testPage = async (): Promise<void> => {
    const r = await call(() => pos.printTestPage());
    setMessage(r.ok ? { ok: true, text: t('printer.testQueued') } : { ok: false, text: r.message });
  };

  return (
    <section className="card" data-testid="printer-settings">
      <h2>{t('printer.title')}</h2>
      <label>
        {t('printer.kind')}
        <select data-testid="printer-kind" value={form.kind} onChange={(e) => set({ kind: e.target.value as Form['kind'] })}>
          <option value="none">{t('printer.kind.none')}</option>
          <option value="network">{t('printer.kind.network')}</option>
          <option value="system">{t('printer.kind.system')}</option>
        </select>
      </label>
      {form.kind === 'network' ? (
        <label>
          {t('printer.address')}
          <input data-testid="printer-address" value={form.address} placeholder="192.168.1.50:9100" maxLength={300} onChange={(e) => set({ address: e.target.value })} />
        </label>
      ) : null}
      {form.kind === 'system' ? (
        <label>
          {t('printer.deviceName')}
          <input data-testid="printer-device" value={form.deviceName} maxLength={300} onChange={(e) => set({ deviceName: e.target.value })} />
        </label>
      ) : null}
      <label>
        {t('printer.width')}
        <select data-testid="printer-width" value={form.width} onChange={(e) => set({ width: Number(e.target.value) })}>
          <option value={58}>58 mm</option>
          <option value={80}>80 mm</option>
        </select>
      </label>
      <label>
        {t('printer.locale')}
        <select data-testid="printer-locale" value={form.locale} onChange={(e) => set({ locale: e.target.value as Form['locale'] })}>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
      </label>
      <label>
        <input type="checkbox" data-testid="printer-auto" checked={form.autoPrint} onChange={(e) => set({ autoPrint: e.target.checked })} /> {t('printer.autoPrint')}
      </label>
      <label>
        <input type="checkbox" data-testid="printer-drawer" checked={form.openDrawer} onChange={(e) => set({ openDrawer: e.target.checked })} /> {t('printer.openDrawer')}
      </label>
      <div className="actions">
        <button type="button" className="btn" data-testid="printer-save" onClick={() => void save()}>
          {t('printer.save')}
        </button>
        <button type="button" className="btn" data-testid="printer-test" onClick={() => void testPage()}>
          {t('printer.testPage')}
        </button>
        <button type="button" className="btn" data-testid="printer-retry" onClick={() => void call(() => pos.retryPrintJobs())}>
          {t('printer.retry')}
        </button>
      </div>
      {message ? (
        <p className={message.ok ? 'hint' : 'error'} data-testid="printer-message">
          {message.text}
        </p>
      ) : null}
      <ul className="print-jobs">
        {jobs.map((j) => (
          <li key={j.id} data-testid="print-job" data-state={j.state} data-fault={j.fault ?? ''}>
            #{j.id} {j.ref} · {t(`printer.state.${j.state}`)}
            {j.message ? ` · ${j.message}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
