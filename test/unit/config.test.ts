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
  it('strips a trailing slash from BASE_URL', () => {
    expect(loadConfig({ BASE_URL: 'https://checks.example.org/' }).baseUrl).toBe('https://checks.example.org');
  });
});
