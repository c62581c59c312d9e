/**
 * One JSON error shape for every API failure, whatever raised it (validation, a missing record,
 * authentication, fastify's own body/size/content-type checks, an unexpected exception), so a
 * script needs one code path to report problems.
 *
 * @example
 *   { "error": { "status": 400, "code": "invalid_parameter",
 *                "message": "limit must be at most 100, got 500",
 *                "details": [{ "param": "limit", "message": "must be at most 100, got 500" }] } }
 */

/** A problem with one request parameter. */
export interface ParamProblem {
  param: string;
  message: string;
}

/** The body of every API error response. */
export interface ErrorBody {
  error: {
    status: number;
    /** Stable machine-readable code, e.g. `invalid_parameter`, `not_found`, `unauthorized`. */
    code: string;
    /** One sentence for a person. */
    message: string;
    details?: ParamProblem[];
  };
}

/** An error that becomes an HTTP response with the given status and code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ParamProblem[],
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { error: { status: this.status, code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError(404, 'not_found', `no ${what} with id "${id}"`);
}

/** Fastify's own error codes mapped to ours (body too large, bad JSON, wrong content type). */
export function fromFastifyError(e: { statusCode?: number; code?: string; message: string; validation?: unknown }): ApiError {
  const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 600 ? e.statusCode : 500;
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'body_too_large', e.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'invalid_body', 'the JSON body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, 'invalid_body', `the body is not valid JSON: ${e.message}`);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(400, 'invalid_body', e.message);
  }
  if (status === 400 && /JSON/i.test(e.message)) return new ApiError(400, 'invalid_body', `the body is not valid JSON: ${e.message}`);
  if (status >= 500) return new ApiError(500, 'internal_error', 'the server failed to answer this request (see its log)');
  return new ApiError(status, 'bad_request', e.message);
}
