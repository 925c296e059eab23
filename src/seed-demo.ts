import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AppModule } from './app.module';
import { SignupService } from './auth/signup.service';
import { randomToken } from './core/crypto/secret-token';
import { loadConfigOrExit } from './core/config/load-config-or-exit';
import { seedHelpCenter } from './demo/demo-help-center';
import { seedTickets } from './demo/demo-tickets';
import { Organization } from './organizations/organization.entity';

/**
 * `node dist/seed-demo.js <credentials file> <tickets.json> <help-center file>...`: on an empty
 * database, creates a demo organization through the real services (so every write runs in the
 * tenant transaction): an owner, an API key, a small team, the tickets of <tickets.json> with
 * their comments, and the help-center files as knowledge documents, queued for the worker to
 * index. Writes the credentials to <credentials file> (the dev launcher prints them). Does
 * nothing when any organization exists.
 */
async function seedDemo(file: string, ticketsFile: string, helpCenter: string[]): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  try {
    // organizations is the tenant list itself (no organization_id, no policy): readable before any tenant.
    if ((await app.get(DataSource).getRepository(Organization).count()) > 0) return;
    const password = randomToken(12);
    const session = await app.get(SignupService).signUpAtOnce({
      organizationName: 'Demo Support',
      name: 'Demo Owner',
      email: 'owner@demo.deskbase.local',
      password,
    });
    const actor = { organizationId: session.organization.id, role: session.user.role, userId: session.user.id };
    const apiKey = await app.get(ApiKeysService).create(actor, { name: 'Demo key', role: 'admin' });
    const credentials = {
      email: session.user.email,
      password,
      apiKey: apiKey.key,
      organization: session.organization.name,
    };
    // Written before the content, so a seed cut short still leaves a login that works.
    writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    await seedTickets(app, actor, ticketsFile);
    await seedHelpCenter(app, actor, helpCenter);
  } finally {
    await app.close();
  }
}

const [credentialsFile = 'demo-credentials.json', ticketsFile, ...helpCenter] = process.argv.slice(2);
if (!ticketsFile) throw new Error('usage: seed-demo <credentials file> <tickets.json> <help-center file>...');
void seedDemo(credentialsFile, ticketsFile, helpCenter);
