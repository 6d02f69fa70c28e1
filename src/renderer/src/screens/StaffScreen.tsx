// The owner's staff screen (issue 11 point 1): add people with a role and their own PIN, change a role,
// set a new PIN, disable, lift a lockout, and the rules (idle sign-out, second-manager threshold).
// Core checks that the signed-in person is the owner; this screen only asks.
import { useCallback, useEffect, useState } from 'react';
import type { StaffPolicy, StaffView } from '../../../common/api';
import { STAFF_NAME_MAX_CHARS, STAFF_PIN_MAX_CHARS, STAFF_PIN_PATTERN, STAFF_ROLES, type StaffRole } from '../../../common/staff';
import { call, pos } from '../bridge';
import { ErrorLine, localError, type UiError } from '../components/ErrorLine';
import { useI18n } from '../i18n/i18n-context';
import { moneyInput, parseMoney } from '../lib/money';

export function StaffScreen({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [people, setPeople] = useState<readonly StaffView[]>([]);
  const [policy, setPolicy] = useState<{ idle: string; above: string } | null>(null);
  const [add, setAdd] = useState<{ name: string; role: StaffRole; pin: string }>({ name: '', role: 'cashier', pin: '' });
  const [newPins, setNewPins] = useState<Record<string, string>>({});
  const [error, setError] = useState<UiError | null>(null);
  const [note, setNote] = useState(false);

  const load = useCallback(async () => {
    const r = await call(() => pos.listStaff());
    if (!r.ok) return setError(r);
    setPeople(r.value);
    const s = await call(() => pos.getStaffSession());
    if (s.ok) setPolicy({ idle: String(s.value.policy.idleMinutes), above: moneyInput(s.value.policy.secondApprovalAboveFen) });
  }, []);
  useEffect(() => void load(), [load]);

  const after = async (p: Promise<{ ok: boolean } & ({ ok: true } | { ok: false; code: string; message: string })>): Promise<void> => {
    const r = await p;
    if (!r.ok) return setError(r as UiError);
    setError(null);
    setNote(true);
    await load();
  };

  const addPerson = async (): Promise<void> => {
    if (!STAFF_PIN_PATTERN.test(add.pin)) return setError(localError('staff.pinFormat'));
    const input = { name: add.name.trim(), role: add.role, pin: add.pin };
    setAdd({ name: '', role: 'cashier', pin: '' });
    await after(call(() => pos.addStaff(input)));
  };

  const savePolicy = async (): Promise<void> => {
    if (!policy) return;
    const above = parseMoney(policy.above);
    const idle = Number(policy.idle);
    if (above === null || !Number.isInteger(idle) || idle < 0) return setError(localError('refund.badAmount'));
    const input: StaffPolicy = { idleMinutes: idle, secondApprovalAboveFen: above };
    await after(call(() => pos.saveStaffPolicy(input)));
  };

  return (
    <section className="card staff" data-testid="staff-screen">
      <h2>{t('staff.manageTitle')}</h2>
      <table>
        <tbody>
          {people.map((p) => (
            <tr key={p.staffId} data-testid="staff-row" data-name={p.name}>
              <td>{p.name}</td>
              <td>
                <select
                  data-testid="staff-role"
                  value={p.role}
                  onChange={(e) => void after(call(() => pos.updateStaff({ staffId: p.staffId, role: e.target.value as StaffRole })))}
                >
                  {STAFF_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`staff.role.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {p.disabled ? t('staff.disabled') : ''} {p.locked ? t('staff.locked') : ''}
              </td>
              <td>
                <input
                  data-testid="staff-new-pin"
                  type="password"
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={STAFF_PIN_MAX_CHARS}
                  value={newPins[p.staffId] ?? ''}
                  onChange={(e) => setNewPins((m) => ({ ...m, [p.staffId]: e.target.value }))}
                />
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid="staff-set-pin"
                  onClick={() => {
                    const pin = newPins[p.staffId] ?? '';
                    setNewPins((m) => ({ ...m, [p.staffId]: '' }));
                    if (!STAFF_PIN_PATTERN.test(pin)) return setError(localError('staff.pinFormat'));
                    void after(call(() => pos.updateStaff({ staffId: p.staffId, pin })));
                  }}
                >
                  {t('staff.setPin')}
                </button>
              </td>
              <td>
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid="staff-toggle"
                  onClick={() => void after(call(() => pos.updateStaff({ staffId: p.staffId, disabled: !p.disabled })))}
                >
                  {p.disabled ? t('staff.enable') : t('staff.disable')}
                </button>
                {p.locked ? (
                  <button type="button" className="btn btn-small" data-testid="staff-unlock" onClick={() => void after(call(() => pos.unlockStaff({ staffId: p.staffId })))}>
                    {t('staff.unlock')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void addPerson();
        }}
      >
        <label>
          {t('staff.name')}
          <input data-testid="staff-add-name" maxLength={STAFF_NAME_MAX_CHARS} value={add.name} onChange={(e) => setAdd((a) => ({ ...a, name: e.target.value }))} />
        </label>
        <label>
          {t('staff.role')}
          <select data-testid="staff-add-role" value={add.role} onChange={(e) => setAdd((a) => ({ ...a, role: e.target.value as StaffRole }))}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`staff.role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('staff.pin')}
          <input data-testid="staff-add-pin" type="password" inputMode="numeric" autoComplete="off" maxLength={STAFF_PIN_MAX_CHARS} value={add.pin} onChange={(e) => setAdd((a) => ({ ...a, pin: e.target.value }))} />
        </label>
        <button type="submit" className="btn" data-testid="staff-add">
          {t('staff.add')}
        </button>
      </form>
      {policy ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void savePolicy();
          }}
        >
          <label>
            {t('staff.idleMinutes')}
            <input data-testid="policy-idle" inputMode="numeric" value={policy.idle} onChange={(e) => setPolicy((p) => (p ? { ...p, idle: e.target.value } : p))} />
          </label>
          <label>
            {t('staff.secondAbove')}
            <input data-testid="policy-above" inputMode="decimal" value={policy.above} onChange={(e) => setPolicy((p) => (p ? { ...p, above: e.target.value } : p))} />
          </label>
          <button type="submit" className="btn" data-testid="policy-save">
            {t('staff.savePolicy')}
          </button>
        </form>
      ) : null}
      {note ? <p data-testid="staff-saved">{t('staff.saved')}</p> : null}
      <ErrorLine error={error} />
      <button type="button" className="btn" data-testid="staff-close" onClick={onClose}>
        {t('detail.close')}
      </button>
    </section>
  );
}
