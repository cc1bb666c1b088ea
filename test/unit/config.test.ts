import { ConfigError, loadConfig } from '../../src/config';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.seedOnStart).toBe(true);
  });
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ BASE_URL: 'javascript:alert(1)' }, 'BASE_URL'],
    [{ SEED_ON_START: 'perhaps' }, 'SEED_ON_START'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_URL: 'postgres://db/gainsay', DATABASE_READ_URL: 'mysql://replica/gainsay' }, 'DATABASE_READ_URL'],
    [{ DATABASE_READ_URL: 'postgres://replica/gainsay' }, 'DATABASE_READ_URL'],
  ])('stops on a bad value with a one-line message naming it: %j', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      const message = (e as Error).message;
      expect(message.startsWith(`Invalid ${name}=`)).toBe(true);
      expect(message).not.toContain('\n');
    }
  });
  it('reads a replica beside its primary', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/gainsay', DATABASE_READ_URL: 'postgresql://replica/gainsay' });
    expect(config.databaseReadUrl).toBe('postgresql://replica/gainsay');
    expect(loadConfig({}).databaseReadUrl).toBeUndefined();
  });
  it('strips a trailing slash from BASE_URL', () => {
    expect(loadConfig({ BASE_URL: 'https://checks.example.org/' }).baseUrl).toBe('https://checks.example.org');
  });
});
