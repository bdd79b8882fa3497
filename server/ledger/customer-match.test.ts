import { describe, expect, it } from 'vitest';
import { matchKeys, mergeContact, normaliseContact } from './customer-match';
import { searchPatterns } from './customer-search';

const blank = { name: '', street: '', postalCode: '', city: '', email: '', mobile: '' };
const known = { name: 'Jürgen Groß', street: 'Lindenallee 5', postalCode: '50667', city: 'Köln', email: 'jg@example.com', mobile: '+491701234567', language: 'de' as const };

describe('normaliseContact', () => {
  it('trims every field and lower-cases the e-mail address only', () => {
    expect(normaliseContact({ name: ' Jürgen ', street: ' A 1 ', postalCode: ' 50667 ', city: ' Köln ', email: ' JG@Example.COM ', mobile: ' +491701234567 ' })).toEqual({
      name: 'Jürgen',
      street: 'A 1',
      postalCode: '50667',
      city: 'Köln',
      email: 'jg@example.com',
      mobile: '+491701234567',
    });
  });
});

describe('mergeContact', () => {
  it('lets a record replace known values, but never blank them', () => {
    expect(mergeContact(known, { ...blank, city: 'Bonn', email: 'neu@example.com' }, 'en', 'replace')).toEqual({ ...known, city: 'Bonn', email: 'neu@example.com', language: 'en' });
  });

  it('lets a counter event only fill in what is unknown, and keeps the language', () => {
    const sparse = { ...known, street: '', mobile: '' };
    expect(mergeContact(sparse, { ...blank, name: 'J. Gross', street: 'Ring 2', mobile: '+491709999999' }, null, 'fill')).toEqual({ ...known, street: 'Ring 2', mobile: '+491709999999' });
    expect(mergeContact(known, { ...blank, email: 'other@example.com' }, 'en', 'fill')).toEqual(known);
  });
});

describe('matchKeys', () => {
  const both = { ...blank, email: 'a@example.com', mobile: '+491701234567' };
  it('follows the owner’s setting, e-mail before mobile', () => {
    expect(matchKeys(both, 'email-or-mobile')).toEqual(['email', 'mobile']);
    expect(matchKeys(both, 'email')).toEqual(['email']);
    expect(matchKeys(both, 'mobile')).toEqual(['mobile']);
    expect(matchKeys({ ...both, email: '' }, 'email-or-mobile')).toEqual(['mobile']);
  });

  it('has no key (so name and address decide) when the setting’s values are missing', () => {
    expect(matchKeys({ ...both, email: '' }, 'email')).toEqual([]);
    expect(matchKeys({ ...both, mobile: '' }, 'mobile')).toEqual([]);
    expect(matchKeys(blank, 'email-or-mobile')).toEqual([]);
  });
});

describe('searchPatterns', () => {
  it('escapes LIKE wildcards and the escape character itself', () => {
    expect(searchPatterns('50%_a\\b').pattern).toBe('%50\\%\\_a\\\\b%');
  });

  it('folds case, including letters beyond ASCII', () => {
    expect(searchPatterns('  JÜRGEN ').pattern).toBe('%jürgen%');
  });

  it('lists everyone for an empty query', () => {
    expect(searchPatterns('   ')).toEqual({ pattern: '', mobilePattern: '', mobile: '' });
  });

  it('reads a phone number as people type it', () => {
    expect(searchPatterns('0171 2345678')).toMatchObject({ mobilePattern: '%01712345678%', mobile: '+491712345678' });
    expect(searchPatterns('+49 171 23')).toMatchObject({ mobilePattern: '%+4917123%', mobile: '' });
    expect(searchPatterns('Groß')).toMatchObject({ mobilePattern: '%groß%', mobile: '' });
  });
});
