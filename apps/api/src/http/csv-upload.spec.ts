import { Readable } from 'node:stream';
import { limited } from './csv-upload';

const read = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
};

describe('limited (an upload without Content-Length)', () => {
  it('passes a body up to the limit through unchanged', async () => {
    expect(await read(limited(Readable.from([Buffer.from('a,b\n'), Buffer.from('c,d\n')]), 8))).toBe('a,b\nc,d\n');
  });

  it('fails with a 413 once the body passes the limit', async () => {
    const body = limited(Readable.from([Buffer.from('a,b\n'), Buffer.from('c,d\n'), Buffer.from('e')]), 8);
    await expect(read(body)).rejects.toMatchObject({ statusCode: 413, message: expect.stringMatching(/^the upload is larger than/) });
  });
});
