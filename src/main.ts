import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { loadConfig } from './config';
import { configureApp } from './http/configureApp';
import { UsersService } from './auth/users.service';
import type { AppConfig } from './config';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config }), { bodyParser: false });
  configureApp(app);
  await announceSecurity(app, config);
  await app.listen(config.port);
  const where = config.store === 'sqlite' ? ` in ${config.dataDir}` : '';
  new Logger('Cohort Chronicle').log(`listening on http://localhost:${config.port} (store: ${config.store}${where}); API docs at /docs`);
}

void bootstrap();

async function announceSecurity(app: NestExpressApplication, config: AppConfig): Promise<void> {
  const logger = new Logger('Security');
  if (config.auth === 'disabled') {
    const line = '!'.repeat(78);
    logger.warn(`\n${line}\n  AUTH=disabled: DEVELOPER MODE. Anyone who can reach port ${config.port} can read and write\n  every record, recorded as "dev-mode". Never run this with real patient data.\n${line}`);
    return;
  }
  const admin = await app.get(UsersService).bootstrapAdmin();
  if (admin) {
    process.stdout.write(
      `\nFirst start: created user "${admin.userName}" (all roles). These credentials are shown ONCE:\n` +
        `  password: ${admin.password}\n  API key:  ${admin.apiKey}\n` +
        `Add more users with: npm run cli -- user add <name> --role recorder,analyst\n\n`,
    );
  }
}
