// Issue 16.2: the bridge's head-office calls. Enrolling and leaving are the owner's (core checks it; the
// screen only hides the buttons) and wait, like other security changes, while the audit chain is broken.
// What crosses the bridge is HQ's address, the pinned certificate's fingerprint, the till id and the sync
// state - never the token. Each failure is a code the screen names in plain words.
import type { HeadOfficeEnrolInput, HeadOfficeView } from '../../common/api';
import type { ErrorCode } from '../../common/errors';
import { err, ok, type Result } from '../../common/result';
import type { StaffRef, StaffRole } from '../../common/staff';
import type { EnrolFailure } from './enrol';
import type { HqLink } from './hq-link';

export type HeadOfficeLink = Pick<HqLink, 'status' | 'enrol' | 'enrolment' | 'leave'>;

export interface HeadOfficeCallDeps {
  readonly link: HeadOfficeLink | undefined;
  readonly staff: { require(need: StaffRole, what: string): Result<StaffRef> };
  /** The audit-chain guard (refuses with AUDIT_BROKEN while broken and not acknowledged). */
  readonly chainIntact: () => Result<null>;
}

export interface HeadOfficeCalls {
  getHeadOffice(): Promise<Result<HeadOfficeView>>;
  enrolAtHeadOffice(input: HeadOfficeEnrolInput): Promise<Result<HeadOfficeView>>;
  leaveHeadOffice(): Promise<Result<HeadOfficeView>>;
}

const FAILURE_CODE: Record<EnrolFailure['kind'], ErrorCode> = {
  unreachable: 'HQ_UNREACHABLE',
  fingerprint: 'HQ_FINGERPRINT_MISMATCH',
  code: 'HQ_CODE_REFUSED',
  refused: 'HQ_REFUSED',
  'weak-store': 'HQ_STORE_WEAK',
};

const NO_LINK = 'The head-office link is not available in this process.';

export function createHeadOfficeCalls(d: HeadOfficeCallDeps): HeadOfficeCalls {
  let busy = false;
  const view = (link: HeadOfficeLink): HeadOfficeView => ({ enrolment: link.enrolment(), status: link.status() });
  /** Signed-in owner, intact audit chain, one change at a time. */
  const guarded = async (what: string, run: (link: HeadOfficeLink, owner: StaffRef) => Promise<Result<HeadOfficeView>>): Promise<Result<HeadOfficeView>> => {
    const who = d.staff.require('owner', what);
    if (!who.ok) return who;
    const chain = d.chainIntact();
    if (!chain.ok) return chain;
    if (!d.link) return err('CONFIG_ERROR', NO_LINK);
    if (busy) return err('HQ_REFUSED', 'An enrolment or leave is already under way at this till.');
    busy = true;
    try {
      return await run(d.link, who.value);
    } finally {
      busy = false;
    }
  };
  return {
    getHeadOffice: async () => ok(d.link ? view(d.link) : { enrolment: null, status: { state: 'off' } }),
    enrolAtHeadOffice: (input) =>
      guarded('hq.enrol', async (link, owner) => {
        const was = link.enrolment();
        if (was) return err('HQ_ALREADY_ENROLLED', `This till is enrolled at ${was.url} already: leave head office first.`);
        const r = await link.enrol(input.url.trim(), input.fingerprint.trim(), input.code.trim(), owner.name);
        // HQ's own words (zh-CN / English) stay in the message; the screen shows the code's words.
        return r.ok ? ok(view(link)) : err(FAILURE_CODE[r.kind], r.message);
      }),
    leaveHeadOffice: () =>
      guarded('hq.leave', async (link, owner) => ((await link.leave(owner.name)) ? ok(view(link)) : err('HQ_NOT_ENROLLED', 'This till is not enrolled at a head office.'))),
  };
}
