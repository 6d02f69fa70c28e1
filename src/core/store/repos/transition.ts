// The named parameters of a fixed forward-only transition statement (MOVE_ATTEMPT_SQL, MOVE_REFUND_SQL):
// the target state, the allowed predecessors as a JSON array, and for each optional field F a flag
// setF (1 = write it, 0 = keep the stored value) with its value F.
export type TransitionParams = Record<string, string | number | null>;

export function transitionParams<K extends string>(
  move: { readonly id: string; readonly to: string; readonly now: number; readonly final: boolean; readonly from: readonly string[] },
  names: readonly K[],
  fields: Partial<Record<K, string | null>>,
): TransitionParams {
  const p: TransitionParams = { id: move.id, to: move.to, now: move.now, final: move.final ? 1 : 0, from: JSON.stringify(move.from) };
  for (const n of names) {
    const v = fields[n];
    p[`set${n.charAt(0).toUpperCase()}${n.slice(1)}`] = v !== undefined ? 1 : 0;
    p[n] = v ?? null;
  }
  return p;
}
