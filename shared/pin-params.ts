/** How staff PINs are hashed, the same on the tablet (WebCrypto) and the server (node:crypto). */
export const PIN_HASH = { algorithm: 'PBKDF2', hash: 'SHA-256', iterations: 150_000, bytes: 32 } as const;
export const PIN_PATTERN = /^\d{4,8}$/;
