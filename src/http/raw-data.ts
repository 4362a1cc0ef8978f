/** One response as recorded for `raw_data`. */
export interface RawResponse {
  method: string;
  /** The URL, secret query values masked. */
  url: string;
  status: number;
  /** The parsed body (JSON) or its text. */
  body: unknown;
}

/** The `raw_data` of a call: every response the client returned, in order. */
export interface RawData {
  responses: RawResponse[];
}

/** Records responses for `raw_data`, only when the request asked for it. */
export interface RawDataRecorder {
  /** Whether responses are kept (the request's `include_raw_data`). */
  readonly enabled: boolean;
  record(response: RawResponse): void;
  /** The recorded responses, or null when `include_raw_data` was false. */
  rawData(): RawData | null;
}

/** Creates a recorder that keeps responses only when `enabled` (the request's `include_raw_data`). */
export function createRawDataRecorder(enabled: boolean): RawDataRecorder {
  const responses: RawResponse[] = [];
  return {
    enabled,
    record(response) {
      if (enabled) responses.push(response);
    },
    rawData() {
      return enabled ? { responses: [...responses] } : null;
    },
  };
}
