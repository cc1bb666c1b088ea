// Jest setup (setupFilesAfterEnv): after each test file, drop the connection to the PostgreSQL test server.
import { closeTestServer, testEngine } from './db';

if (testEngine === 'postgres') afterAll(closeTestServer);
