import type { Job } from '@passbook/contracts';

export const JOB_ID = '6f1c9a52-1b1e-4a57-9d8e-0c3a5e7b9d21';
export const LINK_ID = '0b7d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4';

/** A refresh job of the link `LINK_ID` in `state`, as `GET /api/jobs/:id` answers it. */
export const job = (state: Job['state']): Job => ({
  id: JOB_ID,
  linkId: LINK_ID,
  kind: 'refresh',
  state,
  stage: 'starting',
  storingTransactions: null,
  attempts: 0,
  createdAt: '2026-03-10T12:00:00.000Z',
  updatedAt: '2026-03-10T12:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  connectUrl: null,
  newTransactions: null,
  error: null,
});
