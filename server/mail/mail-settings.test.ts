/** The mail settings: who the e-mail comes from, and how SMTP_URL is shown without its password. */
import { describe, expect, it } from 'vitest';
import { describeSmtpUrl, mailFrom } from './mail-settings';

const shop = { name: 'Optik Muster' };
const settings = { smtpUrl: null, from: null, dir: null };

describe('mailFrom', () => {
  it('takes MAIL_FROM, else the SMTP login when it is an address, else no-reply at the public host', () => {
    expect(mailFrom({ settings: { ...settings, from: '"Optik M." <info@optik-muster.de>' }, shop, linkBase: 'https://kasse.example.com' })).toEqual({ name: 'Optik M.', address: 'info@optik-muster.de' });
    expect(mailFrom({ settings: { ...settings, from: 'info@optik-muster.de' }, shop, linkBase: 'https://kasse.example.com' })).toEqual({ name: 'Optik Muster', address: 'info@optik-muster.de' });
    expect(mailFrom({ settings: { ...settings, smtpUrl: 'smtp://kasse%40optik-muster.de:pw@mail.example.de:587' }, shop, linkBase: 'https://kasse.example.com' })).toEqual({ name: 'Optik Muster', address: 'kasse@optik-muster.de' });
    expect(mailFrom({ settings: { ...settings, smtpUrl: 'smtp://apikey:pw@mail.example.de:587' }, shop, linkBase: 'https://kasse.example.com' })).toEqual({ name: 'Optik Muster', address: 'no-reply@kasse.example.com' });
    expect(mailFrom({ settings, shop, linkBase: 'http://localhost:8080' }).address).toBe('no-reply@countersign.invalid');
  });
});

describe('describeSmtpUrl', () => {
  it('never shows the password', () => {
    expect(describeSmtpUrl('smtps://user:geheim@mail.example.de:465')).toBe('smtps://user:***@mail.example.de:465');
  });
});
