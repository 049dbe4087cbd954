import 'reflect-metadata';
import { applyHeapPolicy } from './heap.policy';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { loadConfig, type AppConfig } from './config';
import { configureApp } from './http/configureApp';
import { ExpressAppAdapter } from './http/expressApp.adapter';
import { UsersService } from './auth/users.service';
import { StoreUnavailableError } from './eventStore/eventStore.port';

const RETRY_MS = 5000;

async function bootstrap(): Promise<void> {
  applyHeapPolicy();
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config }), new ExpressAppAdapter(), { bodyParser: false });
  configureApp(app);
  await app.listen(config.port);
  const where = config.store === 'sqlite' ? ` in ${config.dataDir}` : '';
  new Logger('Cohort Chronicle').log(`listening on http://localhost:${config.port} (store: ${config.store}${where}); API docs at /docs`);
  await announceSecurity(app, config);
}

void bootstrap();

/**
 * After listening, so that a store that is down at start-up (EventStoreDB unreachable, a corrupted
 * file) gives 503 answers and a retry here rather than a process that will not start.
 */
async function announceSecurity(app: NestExpressApplication, config: AppConfig): Promise<void> {
  const logger = new Logger('Security');
  if (config.auth === 'disabled') {
    const line = '!'.repeat(78);
    logger.warn(`\n${line}\n  AUTH=disabled: DEVELOPER MODE. Anyone who can reach port ${config.port} can read and write\n  every record, recorded as "dev-mode". Never run this with real patient data.\n${line}`);
    return;
  }
  try {
    const admin = await app.get(UsersService).bootstrapAdmin();
    if (admin) {
      process.stdout.write(
        `\nFirst start: created user "${admin.userName}" (all roles). These credentials are shown ONCE:\n` +
          `  password: ${admin.password}\n  API key:  ${admin.apiKey}\n` +
          `Add more users with: npm run cli -- user add <name> --role recorder,analyst\n\n`,
      );
    }
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    logger.warn(`the store is unavailable, so the first-start check waits: ${error.message}; retrying in ${RETRY_MS / 1000} s`);
    setTimeout(() => void announceSecurity(app, config), RETRY_MS).unref();
  }
}
