/**
 * API keys for the shop's own software (its till or order system) to push pending orders. The key
 * is shown once when made; the server keeps its SHA-256. A revoked key is refused from then on.
 */
import type { ApiKeyRow, Store } from '../store/store';
import { randomId, randomToken, sha256Hex } from '../secrets';

/** Keys carry a prefix so that one found in a log or a config file is recognisable. */
export const API_KEY_PREFIX = 'csk_';

export async function createApiKey({ store, name, now }: { store: Store; name: string; now: Date }): Promise<{ id: string; key: string }> {
  const key = `${API_KEY_PREFIX}${randomToken()}`;
  const id = randomId('key');
  await store.apiKeys.create({ id, name, keyHash: sha256Hex(key), createdAt: now.toISOString() });
  return { id, key };
}

/** The key's row when it exists and is not revoked. */
export async function findActiveApiKey({ store, key }: { store: Store; key: string }): Promise<ApiKeyRow | null> {
  const row = await store.apiKeys.findByHash({ keyHash: sha256Hex(key) });
  return row && !row.revokedAt ? row : null;
}

export async function revokeApiKey({ store, id, now }: { store: Store; id: string; now: Date }): Promise<boolean> {
  return store.apiKeys.revoke({ id, now: now.toISOString() });
}
