import { randomUUID } from 'node:crypto';
import { MailCatcher } from './mail-catcher';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  apiKey?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A tiny JSON client for e2e specs: real HTTP against a listening test app. */
export class ApiClient {
  constructor(private readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T };
  }

  get = <T = Record<string, unknown>>(path: string, options?: RequestOptions) => this.request<T>('GET', path, options);
  post = <T = Record<string, unknown>>(path: string, options?: RequestOptions) =>
    this.request<T>('POST', path, options);
  patch = <T = Record<string, unknown>>(path: string, options?: RequestOptions) =>
    this.request<T>('PATCH', path, options);
  put = <T = Record<string, unknown>>(path: string, options?: RequestOptions) => this.request<T>('PUT', path, options);
  delete = <T = Record<string, unknown>>(path: string, options?: RequestOptions) =>
    this.request<T>('DELETE', path, options);
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  userId: string;
  organizationId: string;
  email: string;
  password: string;
}

interface SessionBody {
  data: {
    user: { id: string; email: string };
    organization: { id: string };
    tokens: { accessToken: string; refreshToken: string };
  };
}

export const uniqueEmail = (label = 'user'): string => `${label}-${randomUUID()}@example.com`;

export function sessionFrom(body: SessionBody, password: string): Session {
  return {
    accessToken: body.data.tokens.accessToken,
    refreshToken: body.data.tokens.refreshToken,
    userId: body.data.user.id,
    organizationId: body.data.organization.id,
    email: body.data.user.email,
    password,
  };
}

/**
 * A new organization with its owner, signed in. With mail on, signup answers 202 and the owner
 * confirms through the link `catcher` receives.
 */
export async function signUp(api: ApiClient, label = 'owner', catcher?: MailCatcher): Promise<Session> {
  const password = 'correct horse battery staple';
  const email = uniqueEmail(label);
  let response = await api.post<SessionBody>('/v1/auth/signup', {
    body: { organizationName: `Org ${label}`, name: `Owner ${label}`, email, password },
  });
  if (response.status === 202 && catcher) {
    const token = MailCatcher.tokenOf(await catcher.waitFor(email, /^Confirm your new Deskbase organization/));
    response = await api.post<SessionBody>('/v1/auth/signup/confirm', { body: { token, password } });
  }
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${JSON.stringify(response.body)}`);
  return sessionFrom(response.body, password);
}

/** A new user of `inviter`'s organization with `role`, through a real invitation. */
export async function addMember(
  api: ApiClient,
  inviter: Session,
  role: 'admin' | 'member',
  label: string = role,
): Promise<Session> {
  const invited = await api.post<{ data: { token: string } }>('/v1/invitations', {
    token: inviter.accessToken,
    body: { email: uniqueEmail(label), role },
  });
  if (invited.status !== 201) throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const password = 'another good passphrase';
  const accepted = await api.post<SessionBody>('/v1/invitations/accept', {
    body: { token: invited.body.data.token, name: `User ${label}`, password },
  });
  if (accepted.status !== 201) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return sessionFrom(accepted.body, password);
}

/** An API key of `owner`'s organization with `role`. */
export async function createApiKey(
  api: ApiClient,
  owner: Session,
  role: 'admin' | 'member',
): Promise<{ id: string; key: string }> {
  const response = await api.post<{ data: { id: string; key: string } }>('/v1/api-keys', {
    token: owner.accessToken,
    body: { name: `${role} key`, role },
  });
  if (response.status !== 201) throw new Error(`api key failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data;
}
