/** Reading an owner form: text fields only, with Windows line ends made plain (textareas send CRLF). */
import type { Context } from 'hono';

export async function readForm(c: Context): Promise<(name: string) => string> {
  const body = await c.req.parseBody();
  return (name) => {
    const value = body[name];
    return typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '';
  };
}
