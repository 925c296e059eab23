/**
 * Text for the seeded tickets: subjects and description sentences built from a support-desk
 * vocabulary, with a seeded generator so every run seeds the same data. Words repeat with
 * uneven frequency (as in real tickets), so full-text queries range from common to rare.
 */

import { seededRandom } from '../src/core/crypto/seeded-random';

/** Mulberry32: small, fast, deterministic. */
export const prng = seededRandom;

const PRODUCTS = [
  'mobile app',
  'web dashboard',
  'billing portal',
  'API',
  'Android app',
  'iOS app',
  'desktop client',
  'checkout page',
  'admin console',
  'reporting module',
  'Slack integration',
  'Salesforce sync',
  'SSO login',
  'invoice generator',
  'CSV export',
  'webhook',
  'search',
  'notification emails',
  'calendar sync',
  'file uploads',
  'team workspace',
  'analytics page',
  'Zapier connector',
];
const PROBLEMS = [
  'crashes on startup',
  'is very slow',
  'shows a blank page',
  'returns error 500',
  'times out',
  'does not load',
  'logs me out',
  'charges twice',
  'sends duplicate emails',
  'loses my changes',
  'shows the wrong currency',
  'rejects my password',
  'does not sync',
  'freezes after update',
  'displays wrong totals',
  'fails with error 403',
  'is missing data',
  'ignores my settings',
  'cannot find my invoice',
  'keeps asking for verification',
  'breaks the layout',
  'drops attachments',
];
const CONTEXTS = [
  'after the latest update',
  'since yesterday',
  'on Safari',
  'on Chrome',
  'on Firefox',
  'for our whole team',
  'for new users',
  'when exporting',
  'during checkout',
  'on Windows 11',
  'on macOS',
  'on Android 14',
  'on iPhone',
  'in production',
  'at month end',
  'behind our proxy',
  'with two-factor enabled',
  'for the enterprise plan',
  'after password reset',
  'in the EU region',
];
const REQUESTS = [
  'Request a refund for',
  'Question about',
  'How do I configure',
  'Feature request:',
  'Cannot access',
  'Need help with',
  'Upgrade plan and',
  'Cancel subscription for',
  'Add more seats to',
  'Urgent:',
  'Billing question about',
  'Data export from',
  'Permission problem in',
  'Invoice missing for',
];

const OPENERS = [
  'Hello support team,',
  'Hi there,',
  'Good morning,',
  'Dear Deskbase team,',
  'Hey,',
  'Hi,',
  'Following up on my earlier message:',
  'Our customer reported the following:',
  'Quick question:',
];
const SENTENCE_PARTS = {
  who: [
    'I',
    'We',
    'Our agents',
    'My colleague',
    'The finance team',
    'Several customers',
    'Our admin',
    'One of our users',
    'The marketing department',
    'Our developer',
  ],
  tried: ['tried to', 'wanted to', 'attempted to', 'need to', 'could not', 'were unable to', 'keep trying to'],
  action: [
    'reset the password',
    'download the invoice',
    'export the report as CSV',
    'update the credit card',
    'invite a new teammate',
    'connect the Slack workspace',
    'change the billing address',
    'upload a PDF attachment',
    'merge two accounts',
    'enable single sign-on',
    'rotate the API key',
    'cancel the renewal',
    'change the time zone',
    'restore a deleted project',
    'configure the webhook endpoint',
    'migrate data from Zendesk',
    'set up email forwarding',
    'apply the discount code',
    'verify the domain',
    'generate the quarterly report',
    'assign tickets automatically',
    'translate the help center',
  ],
  but: [
    'but the page',
    'however the system',
    'and then the application',
    'but it',
    'yet the screen',
    'and suddenly everything',
    'but the request',
  ],
  failed: [
    'returned an unexpected error',
    'timed out after a minute',
    'showed a spinner forever',
    'displayed an empty table',
    'charged the card twice',
    'logged everyone out',
    'sent no confirmation email',
    'rejected the file as too large',
    'showed prices in the wrong currency',
    'crashed without a message',
    'reported a permission denied error',
    'duplicated every row',
    'lost the attachment',
  ],
  extra: [
    'This is blocking our month-end close.',
    'It worked fine last week.',
    'We are on the enterprise plan.',
    'Screenshots are attached.',
    'Please escalate if possible.',
    'Clearing the browser cache did not help.',
    'The error code was E-4012.',
    'Our account manager suggested contacting you.',
    'It happens about half the time.',
    'We have a demo with a client tomorrow.',
    'Is there a known outage?',
    'Can you refund the duplicate charge?',
    'The invoice number is attached.',
    'This affects roughly forty users.',
    'We use the Android app mostly.',
    'Our firewall allows the documented IP ranges.',
    'Thanks for the quick help last time.',
    'Please call me back at your earliest convenience.',
    'The latency is noticeably worse in the afternoon.',
    'Kind regards, the operations team.',
  ],
};

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

/** `count` distinct-ish subjects (1..200 chars). */
export function subjects(count: number, seed = 1): string[] {
  const rand = prng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const product = pick(rand, PRODUCTS);
    const subject =
      rand() < 0.6
        ? `${product[0].toUpperCase()}${product.slice(1)} ${pick(rand, PROBLEMS)} ${pick(rand, CONTEXTS)}`
        : `${pick(rand, REQUESTS)} ${product} ${pick(rand, CONTEXTS)}`;
    out.push(subject.slice(0, 200));
  }
  return out;
}

/** `count` sentences; a description is several of them (see the seed). */
export function sentences(count: number, seed = 2): string[] {
  const rand = prng(seed);
  const s = SENTENCE_PARTS;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = rand();
    if (r < 0.1) out.push(pick(rand, OPENERS));
    else if (r < 0.35) out.push(pick(rand, s.extra));
    else {
      out.push(
        `${pick(rand, s.who)} ${pick(rand, s.tried)} ${pick(rand, s.action)} ${pick(rand, CONTEXTS)}, ` +
          `${pick(rand, s.but)} ${pick(rand, s.failed)}.`,
      );
    }
  }
  return out;
}

export const TAGS = [
  'billing',
  'refund',
  'bug',
  'feature-request',
  'vip',
  'mobile',
  'api',
  'sso',
  'onboarding',
  'export',
  'invoice',
  'outage',
  'security',
  'integration',
  'performance',
  'account',
  'password',
  'enterprise',
  'churn-risk',
  'escalated',
  'android',
  'ios',
  'webhook',
  'gdpr',
  'sales',
  'trial',
  'upgrade',
  'bulk',
  'ui',
  'email',
];

/** Full-text queries for the `q=` scenario: common single words to rarer phrases, in web search syntax. */
export const SEARCH_QUERIES = [
  'refund',
  '"CSV export"',
  'android crash',
  'zendesk',
  'E-4012',
  'duplicate charge',
  'single sign-on',
  'discount code',
  'webhook OR zapier',
  'firewall -proxy',
];
