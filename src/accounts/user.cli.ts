import type { Db } from '../db/connection';
import { newPasswordSchema } from './account.schema';
import { hashPassword } from './password';
import { isRole, ROLES } from './roles';
import { insertUser } from './user.repository';
import { z } from 'zod';

export class CliInputError extends Error {}

/** Reads a password: from a terminal without echo (typed twice), or the first line of piped stdin. */
export async function readPassword(stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const first = await promptHidden('Password: ', stdin, stderr);
  const second = await promptHidden('Password again: ', stdin, stderr);
  if (first !== second) throw new CliInputError('The two passwords differ.');
  return first;
}

function promptHidden(prompt: string, stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(prompt);
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new CliInputError('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

const emailSchema = z.string().trim().toLowerCase().email();

export interface UserAddArgs {
  role: string;
  email: string;
  name: string | undefined;
}

/** Parses `user add --role <role> [--name "Name"] <email>`. */
export function parseUserAddArgs(args: string[]): UserAddArgs {
  let role: string | undefined;
  let name: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--role') role = args[++i];
    else if (a.startsWith('--role=')) role = a.slice(7);
    else if (a === '--name') name = args[++i];
    else if (a.startsWith('--name=')) name = a.slice(7);
    else rest.push(a);
  }
  if (!role || !isRole(role)) throw new CliInputError(`--role must be one of: ${ROLES.join(', ')}.`);
  if (rest.length !== 1) throw new CliInputError('Give exactly one email address: gainsay user add --role <role> <email>');
  const email = emailSchema.safeParse(rest[0]);
  if (!email.success) throw new CliInputError(`"${rest[0]}" is not a valid email address.`);
  return { role, email: email.data, name };
}

/** Creates the account; the password is checked for length and hashed with argon2id. */
export async function addUser(db: Db, args: UserAddArgs, password: string): Promise<{ id: number; email: string; role: string }> {
  const checked = newPasswordSchema.safeParse(password);
  if (!checked.success) throw new CliInputError(checked.error.issues[0]!.message);
  if (!isRole(args.role)) throw new CliInputError(`--role must be one of: ${ROLES.join(', ')}.`);
  const passwordHash = await hashPassword(checked.data);
  const role = args.role;
  const user = await db.transaction().execute((trx) =>
    insertUser(trx, {
      email: args.email,
      display_name: args.name?.trim() || args.email.split('@')[0]!,
      role,
      password_hash: passwordHash,
    }),
  );
  return { id: user.id, email: user.email, role: user.role };
}
