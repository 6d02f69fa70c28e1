// Migration 6 (issue 11 point 4): the keyed audit seal. The SHA-256 chain stays as it is; on top of it
//   audit_log.mac           HMAC(key, mac_{n-1} || hash_n) for every row after the key base (NULL before it)
//   audit_anchor.trust_*    where verification starts (genesis; an owner's acknowledgement of a break moves it)
//   audit_anchor.base_*     the row the MAC chain starts after (the head when the chain was first keyed)
//   audit_anchor.head_mac   the MAC of the head row, moved by every append
//   audit_anchor.state_mac  HMAC over the head and every settings / secrets row (and the staff tables)
// The key lives only as a SecretBox blob (secrets 'audit.key'): a copied or edited file alone cannot
// produce a MAC that verifies. NOTE for the merge: issue 11 assigns this migration number 6; on the

import type Database from 'better-sqlite3';
import type { Migration } from './types';

export const SCHEMA_006 = `
ALTER TABLE audit_log ADD COLUMN mac TEXT;
ALTER TABLE audit_anchor ADD COLUMN trust_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_anchor ADD COLUMN trust_hash TEXT NOT NULL DEFAULT '${'0'.repeat(64)}';
ALTER TABLE audit_anchor ADD COLUMN base_seq INTEGER;
ALTER TABLE audit_anchor ADD COLUMN base_hash TEXT;
ALTER TABLE audit_anchor ADD COLUMN head_mac TEXT;
ALTER TABLE audit_anchor ADD COLUMN state_mac TEXT;
`;

export const migration006: Migration = {
  version: 6,
  name: 'audit-seal',
  up(db: Database.Database): void {
    db.exec(SCHEMA_006);
  },
};
