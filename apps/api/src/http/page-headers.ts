/**
 * What every page and page asset the API serves (the dashboard, the public results, the
 * questionnaire) answers with: its exact content type, and a policy that lets it load scripts,
 * styles and data from this origin only, with no inline script or style, send no Referer anywhere,
 * and never be sniffed into another type.
 */
import type { FastifyReply } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The API description's page (/docs) alone may also show `data:` images: Swagger UI's stylesheet
 * draws its icons so. An image cannot run anything; scripts and styles stay this origin's files.
 */
export const DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("img-src 'self'", "img-src 'self' data:");

/** Content types by file extension (with the dot). */
export const PAGE_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export function pageHeaders(reply: FastifyReply, cacheControl: string, policy = CONTENT_SECURITY_POLICY): FastifyReply {
  return reply
    .header('content-security-policy', policy)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', cacheControl);
}
