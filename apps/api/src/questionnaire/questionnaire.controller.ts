/**
 * Serves the enterprises' questionnaire page (`/q`) and its few static files. The link's token
 * travels in the fragment (`/q#t=…`), which browsers never send to a server, and the page moves
 * it to sessionStorage at once. Every answer here forbids anything but this origin (CSP), sends no
 * Referer anywhere, and names its exact content type.
 */
import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pageHeaders, PAGE_TYPES } from '../http/page-headers';

/** The build copies `public/` beside the compiled controller (scripts/copy-public.js). */
const PUBLIC_DIR = join(__dirname, 'public');
const FILES = ['app.js', 'api.js', 'view.js', 'rating-form.js', 'app.css'];

const cache = new Map<string, Buffer>();
function file(name: string): Buffer {
  let body = cache.get(name);
  if (!body) cache.set(name, (body = readFileSync(join(PUBLIC_DIR, name))));
  return body;
}

function send(reply: FastifyReply, name: string): void {
  pageHeaders(reply, 'no-cache').header('content-type', PAGE_TYPES[extname(name)]).send(file(name));
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
