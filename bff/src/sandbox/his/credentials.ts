/** What a hospital's engineer is given for the interface: its code, its secret and where pushes arrive. */
export interface HisCredentials {
  hospitalCode: string;
  secret: string;
  webhookUrl: string;
}

export class CredentialsUnavailable extends Error {}

/** A secret is asked for again after a mismatch only if the one we hold is at least this old. */
const REFRESH_AFTER_MS = 1_000;

/**
 * The emulated HIS learns each hospital's secret the way a hospital's engineer does: from the
 * platform's sandbox credentials page (GET /sandbox/hospitals/{code}/credentials on the BFF),
 * asked on first need, because the emulators start before the BFF serves. Null: no such hospital.
 */
export class HisCredentialBook {
  private readonly known = new Map<string, { credentials: HisCredentials; at: number }>();

  constructor(private readonly bffUrl: () => string | undefined) {}

  async get(code: string): Promise<HisCredentials | null> {
    return this.known.get(code)?.credentials ?? this.fetch(code);
  }

  /** After a signature mismatch: the platform may have issued a new secret since we asked. */
  async refresh(code: string): Promise<HisCredentials | null> {
    const held = this.known.get(code);
    if (held && Date.now() - held.at < REFRESH_AFTER_MS) return null;
    return this.fetch(code);
  }

  private async fetch(code: string): Promise<HisCredentials | null> {
    const base = this.bffUrl();
    if (!base) throw new CredentialsUnavailable('the BFF address is not known yet');
    let response: Response;
    try {
      response = await fetch(`${base}/sandbox/hospitals/${encodeURIComponent(code)}/credentials`, {
        signal: AbortSignal.timeout(5_000),
      });
    } catch (e) {
      throw new CredentialsUnavailable(`the BFF did not answer: ${(e as Error).message}`);
    }
    if (response.status === 404) return null;
    if (!response.ok) throw new CredentialsUnavailable(`the BFF answered ${response.status}`);
    const credentials = (await response.json()) as HisCredentials;
    this.known.set(code, { credentials, at: Date.now() });
    return credentials;
  }
}
