/** The marketing channels a customer can opt into, one switch each. */
export const CHANNELS = ['letter', 'email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
