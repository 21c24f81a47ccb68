/** Assertions on RFC 9457 problem responses: the media type and the members every error carries. */
import type { Response } from 'supertest';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

/** Asserts `res` is an application/problem+json error with this status, and returns its body. */
export function expectProblem(res: Response, status: number, detail?: RegExp): ProblemBody {
  expect({ status: res.status, text: res.text }).toMatchObject({ status });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json(;|$)/);
  const body = JSON.parse(res.text) as ProblemBody;
  expect(body).toMatchObject({ status, title: expect.stringMatching(/\S/), detail: expect.stringMatching(/\S/) });
  if (detail) expect(body.detail).toMatch(detail);
  return body;
}

/** A 400 from validation: the problem names the offending fields in `errors`. */
export function expectInvalid(res: Response, ...fields: (string | RegExp)[]): ProblemBody {
  const body = expectProblem(res, 400);
  expect(Array.isArray(body.errors) && body.errors.length > 0).toBe(true);
  const named = body.errors!.map((e) => e.field);
  for (const field of fields) expect(named).toEqual(expect.arrayContaining([typeof field === 'string' ? field : expect.stringMatching(field)]));
  return body;
}
