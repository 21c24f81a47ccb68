/**
 * Serves the enterprises' questionnaire page (`/q`) and its few static files. The link's token
 * travels in the fragment (`/q#t=…`), which browsers never send to a server, and the page moves
 * it to sessionStorage at once. Every answer here forbids anything but this origin (CSP), sends no
 * Referer anywhere, and names its exact content type.
 */
import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The build copies `public/` beside the compiled controller (scripts/copy-public.js). */
const PUBLIC_DIR = join(__dirname, 'public');
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};
const FILES = ['app.js', 'api.js', 'view.js', 'rating-form.js', 'app.css'];
const CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self'",
  "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

const cache = new Map<string, Buffer>();
function file(name: string): Buffer {
  let body = cache.get(name);
  if (!body) cache.set(name, (body = readFileSync(join(PUBLIC_DIR, name))));
  return body;
}

function send(reply: FastifyReply, name: string): void {
  reply
    .header('content-type', TYPES[name.slice(name.lastIndexOf('.') + 1)])
    .header('content-security-policy', CSP)
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-cache')
    .send(file(name));
}

@Controller('q')
export class QuestionnaireController {
  @Get()
  page(@Res() reply: FastifyReply): void {
    send(reply, 'index.html');
  }

  @Get(':file')
  asset(@Param('file') name: string, @Res() reply: FastifyReply): void {
    if (!FILES.includes(name)) throw new NotFoundException(`no such file: /q/${name}`);
    send(reply, name);
  }
}
