/**
 * Runs the server: configuration from the environment (stopping with a message naming any bad variable),
 * then the app on PORT. SIGTERM/SIGINT stop it gracefully: no new job is claimed, requests in flight finish,
 * running jobs release their leases for the next start (or another instance) to resume, the database closes.
 */
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirError } from './errors.ts';
import { KeyMismatchError } from './plugins/database.ts';
import { resolveSecrets } from './secrets.ts';

async function main(): Promise<void> {
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    const config = await resolveSecrets(loadConfig());
    app = await buildApp(config);
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof KeyMismatchError || error instanceof DataDirError) {
      console.error(`Passbook cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 30_000);
    force.unref();
    try {
      await app.close();
    } catch (error) {
      app.log.error({ err: error }, 'shutdown: closing failed');
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

await main();
