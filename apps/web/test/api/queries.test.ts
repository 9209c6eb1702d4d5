import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/client.ts';
import { isJobRunning, jobPollInterval, shouldRetry } from '../../src/api/queries.ts';
import { job } from './job.ts';

describe('following a job', () => {
  it('asks every second while the job runs and stops once it has ended', () => {
    expect(jobPollInterval(undefined)).toBe(1000);
    expect(jobPollInterval(job('queued'))).toBe(1000);
    expect(jobPollInterval(job('retrieving'))).toBe(1000);
    expect(jobPollInterval(job('succeeded'))).toBe(false);
    expect(jobPollInterval(job('failed'))).toBe(false);
  });

  it('keeps asking, slowly, while the bank waits for the person', () => {
    expect(jobPollInterval(job('mfa_required'))).toBe(5000);
    expect(isJobRunning(job('mfa_required'))).toBe(false);
    expect(isJobRunning(job('authorizing'))).toBe(true);
    expect(isJobRunning(null)).toBe(false);
  });
});

describe('shouldRetry', () => {
  it('retries, twice at most, only what may succeed on its own', () => {
    expect(shouldRetry(0, new ApiError('NETWORK_ERROR', 'x', 0))).toBe(true);
    expect(shouldRetry(1, new ApiError('RATE_LIMITED', 'x', 429))).toBe(true);
    expect(shouldRetry(0, new ApiError('INTERNAL', 'x', 503))).toBe(true);
    expect(shouldRetry(2, new ApiError('INTERNAL', 'x', 503))).toBe(false);
    expect(shouldRetry(0, new ApiError('NOT_FOUND', 'x', 404))).toBe(false);
    expect(shouldRetry(0, new ApiError('FORBIDDEN_ORIGIN', 'x', 403))).toBe(false);
  });
});
