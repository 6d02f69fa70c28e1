// Fault rules: per endpoint (and optionally per merchant), firing on the next N matching requests
// or with a seeded probability. The gateway asks pick() once per authenticated request.
import type { Prng } from './prng';
import { FAULT_KINDS, SIM_ENDPOINTS, type FaultRule, type FaultSpec, type SimEndpoint } from './sim-types';

export const MAX_FAULT_DELAY_MS = 120_000;
export const DEFAULT_FAULT_DELAY_MS = 30_000;

export interface SimFaults {
  /** Adds a rule; returns its id. Throws RangeError on a malformed spec. */
  add(spec: FaultSpec): number;
  remove(id: number): boolean;
  clear(): void;
  list(): FaultRule[];
}

export function validateFaultSpec(spec: FaultSpec): string | null {
  if (spec.endpoint !== '*' && !(SIM_ENDPOINTS as readonly string[]).includes(spec.endpoint)) return 'unknown endpoint';
  if (!(FAULT_KINDS as readonly string[]).includes(spec.kind)) return 'unknown fault kind';
  if (spec.count !== undefined && (!Number.isSafeInteger(spec.count) || spec.count < 1)) return 'count must be a positive integer';
  if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1)) return 'probability must be in [0, 1]';
  if (spec.count !== undefined && spec.probability !== undefined) return 'give count or probability, not both';
  if (spec.delayMs !== undefined && !(Number.isFinite(spec.delayMs) && spec.delayMs >= 0 && spec.delayMs <= MAX_FAULT_DELAY_MS)) {
    return `delayMs must be in [0, ${MAX_FAULT_DELAY_MS}]`;
  }
  return null;
}

export class FaultTable implements SimFaults {
  private rules: FaultRule[] = [];
  private ids = 0;

  constructor(private readonly prng: Prng) {}

  add(spec: FaultSpec): number {
    const problem = validateFaultSpec(spec);
    if (problem) throw new RangeError(`fault: ${problem}`);
    const id = ++this.ids;
    const remaining = spec.probability === undefined ? (spec.count ?? 1) : null;
    this.rules.push({ ...spec, id, remaining, hits: 0 });
    return id;
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The first matching rule that fires for this request (consuming one count), or null. */
  pick(endpoint: SimEndpoint, mchId: string): FaultRule | null {
    if (this.rules.length === 0) return null;
    for (const rule of this.rules) {
      if (rule.endpoint !== '*' && rule.endpoint !== endpoint) continue;
      if (rule.mchId !== undefined && rule.mchId !== mchId) continue;
      if (rule.remaining !== null) {
        rule.remaining--;
        rule.hits++;
        if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
        return rule;
      }
      if (this.prng.next() < (rule.probability ?? 0)) {
        rule.hits++;
        return rule;
      }
    }
    return null;
  }
}
