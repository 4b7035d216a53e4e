import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { signedHeaders } from '../hospital/signature.js';
import { callHospital, hospitalAgents, type HospitalAnswer, HospitalCallTimeout } from '../hospital/webhook-client.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { RecordsEndpoint } from './records-endpoints.js';

export interface RecordsClientOptions {
  timeoutMs: number;
  breakerFailures: number;
  halfOpenAfterMs: number;
}

/** A hospital's records system did not answer usefully: down, slow, refusing our signature, or its circuit is open. */
export class HospitalUnavailable extends Error {
  constructor(
    readonly hospitalId: string,
    readonly why: 'open-circuit' | 'timeout' | 'failed',
    detail: string,
  ) {
    super(detail);
  }
}

/** A hospital's answer that is neither 2xx nor 404: only its status is kept (its body may be about a patient). */
class HisFailure extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/**
 * Signed GETs to each hospital's FHIR and DICOMweb services, with a bounded wait and a circuit
 * breaker per hospital: after a run of failures the hospital is not asked for a while (other
 * hospitals are unaffected), then one trial call decides whether it is back.
 */
export class HisRecordsClient {
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();
  /** Patients ask side by side: up to 128 calls in flight per hospital host (a 100 ms answer serves 1,280/s). */
  private readonly agents = hospitalAgents(128);

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly o: RecordsClientOptions,
  ) {}

  /** The answer to GET base + pathWithQuery; 2xx and 404 come back, anything else throws HospitalUnavailable. */
  async get(
    endpoint: RecordsEndpoint,
    base: 'fhir' | 'dicomweb',
    pathWithQuery: string,
    accept: string,
  ): Promise<HospitalAnswer> {
    const url = new URL((base === 'fhir' ? endpoint.fhirBase : endpoint.dicomwebBase) + pathWithQuery);
    try {
      return await this.breakerOf(endpoint.hospitalId).execute(() => this.call(endpoint, url, accept));
    } catch (e) {
      if (e instanceof BrokenCircuitError)
        throw new HospitalUnavailable(endpoint.hospitalId, 'open-circuit', 'the hospital’s circuit is open');
      // The path is not logged either: it carries the ID number of a Patient search.
      const message = (e as Error).message ?? String(e);
      this.logger.warn({ hospital: endpoint.code, base, error: message.slice(0, 120) }, 'hospital records call failed');
      throw new HospitalUnavailable(
        endpoint.hospitalId,
        e instanceof HospitalCallTimeout ? 'timeout' : 'failed',
        message,
      );
    }
  }

  private async call(endpoint: RecordsEndpoint, url: URL, accept: string): Promise<HospitalAnswer> {
    const headers = signedHeaders(
      endpoint.code,
      endpoint.secret,
      { method: 'GET', pathWithQuery: url.pathname + url.search, body: '' },
      this.clock.now(),
      endpoint.signatureMethod,
    );
    const answer = await callHospital(url, {
      method: 'GET',
      headers: { ...headers, accept },
      timeoutMs: this.o.timeoutMs,
      agents: this.agents,
    });
    if ((answer.status >= 200 && answer.status < 300) || answer.status === 404) return answer;
    throw new HisFailure(answer.status);
  }

  private breakerOf(hospitalId: string): CircuitBreakerPolicy {
    let breaker = this.breakers.get(hospitalId);
    if (!breaker) {
      breaker = circuitBreaker(
        handleWhen(() => true),
        { halfOpenAfter: this.o.halfOpenAfterMs, breaker: new ConsecutiveBreaker(this.o.breakerFailures) },
      );
      this.breakers.set(hospitalId, breaker);
    }
    return breaker;
  }
}
