// Tests never read the developer's environment for configuration.
process.env.TZ = 'UTC';
