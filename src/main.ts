import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { loadConfig } from './config';
import { configureApp } from './http/configureApp';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config }), { bodyParser: false });
  configureApp(app);
  await app.listen(config.port);
  const where = config.store === 'sqlite' ? ` in ${config.dataDir}` : '';
  new Logger('Cohort Chronicle').log(`listening on http://localhost:${config.port} (store: ${config.store}${where}); API docs at /docs`);
}

void bootstrap();
