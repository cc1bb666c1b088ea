import { Router } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';

export function deskRouter(_deps: { db: Db; config: Config }): Router {
  const router = Router();
  return router;
}
