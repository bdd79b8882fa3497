/**
 * Which customer a record belongs to, through real uploads on a real SQLite file: the same person
 * found again by e-mail or mobile (as the owner's match setting says), the latest signature's
 * details kept, people who share an address or a number kept apart by name, and customers with
 * neither found by name and address.
 */
import { describe, expect, it } from 'vitest';
import { enrolTablet, makeTestApp } from '../test-app';
import { recordFor, rows, upload } from './ledger-test-records';

describe('matching the customer of an uploaded record', () => {
  it('finds the same customer by e-mail whatever its case, and takes in the newer details without blanking known ones', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    await upload(t, tablet.token, [recordFor({}, ['email'])]);
    t.advance(1000);
    const again = recordFor({ email: 'Juergen.GROSS@Example.com', mobile: '', city: 'Bonn', street: 'Neue Straße 9' }, ['email', 'letter'], { language: 'en' });
    await upload(t, tablet.token, [again]);

    const customers = rows(t, 'SELECT * FROM customers');
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ email: 'juergen.gross@example.com', mobile: '+491701234567', city: 'Bonn', street: 'Neue Straße 9', language: 'en' });
    expect(rows(t, 'SELECT COUNT(*) AS n FROM record_customers WHERE customer_id = ?', customers[0]!.id)).toEqual([{ n: 2 }]);
    // The thank-you e-mail goes to the address as the customer typed it, in the record's language.
    expect(rows(t, 'SELECT recipient, language FROM mail_outbox ORDER BY id')).toEqual([
      { recipient: 'juergen.gross@example.com', language: 'de' },
      { recipient: 'Juergen.GROSS@Example.com', language: 'en' },
    ]);
  });

  it('keeps the details of the latest signature when an older record arrives after a newer one', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    const newer = recordFor({ street: 'Neue Straße 9', city: 'Bonn' }, [], { signedAt: '2026-11-29T09:00:00.000Z' });
    const older = recordFor({ street: 'Alte Gasse 1', city: 'Köln', mobile: '' }, [], { signedAt: '2026-11-28T09:00:00.000Z', language: 'en' });
    await upload(t, tablet.token, [newer]);
    await upload(t, tablet.token, [older]);
    const customers = rows(t, 'SELECT street, city, mobile, language FROM customers');
    expect(customers).toEqual([{ street: 'Neue Straße 9', city: 'Bonn', mobile: newer.customer.mobile, language: 'de' }]);
    expect(rows(t, 'SELECT COUNT(*) AS n FROM record_customers')).toEqual([{ n: 2 }]);
  });

  it("matches by mobile only when the owner sets 'mobile'", async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    await t.store.settings.setCustomerMatch({ match: 'mobile' });
    expect(await t.store.settings.customerMatch()).toBe('mobile');
    expect(await t.store.settings.get({ key: 'customer_match' })).toBe('mobile');
    await upload(t, tablet.token, [recordFor({ email: 'a@example.com', mobile: '+491701111111' }, [])]);
    // Same e-mail, other mobile: another person under this setting.
    await upload(t, tablet.token, [recordFor({ email: 'a@example.com', mobile: '+491702222222' }, [])]);
    // Other e-mail, same mobile: the first customer.
    await upload(t, tablet.token, [recordFor({ email: 'b@example.com', mobile: '+491701111111' }, [])]);
    const counts = rows<{ mobile: string; email: string; n: number }>(
      t,
      'SELECT c.mobile, c.email, COUNT(*) AS n FROM customers c JOIN record_customers rc ON rc.customer_id = c.id GROUP BY c.id ORDER BY c.mobile',
    );
    expect(counts).toEqual([
      { mobile: '+491701111111', email: 'b@example.com', n: 2 },
      { mobile: '+491702222222', email: 'a@example.com', n: 1 },
    ]);
  });

  it('keeps two people who share a mobile number apart by their names', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    await upload(t, tablet.token, [recordFor({ email: 'mutter@example.com', mobile: '+491701111111', name: 'Maria Muster' }, [])]);
    await upload(t, tablet.token, [recordFor({ email: 'sohn@example.com', mobile: '+491701111111', name: 'Max Muster' }, [])]);
    // No e-mail given: the mobile number and the name decide.
    await upload(t, tablet.token, [recordFor({ email: '', mobile: '+491701111111', name: 'maria muster' }, [])]);
    const customers = rows<{ name: string; email: string; n: number }>(
      t,
      'SELECT c.name, c.email, COUNT(*) AS n FROM customers c JOIN record_customers rc ON rc.customer_id = c.id GROUP BY c.id ORDER BY c.email',
    );
    expect(customers).toEqual([
      { name: 'maria muster', email: 'mutter@example.com', n: 2 },
      { name: 'Max Muster', email: 'sohn@example.com', n: 1 },
    ]);
  });

  it('keeps two people who share an e-mail address apart by their names', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    await upload(t, tablet.token, [recordFor({ email: 'family@example.com', mobile: '+491701111111', name: "Sarah O'Neil" }, ['email'])]);
    await upload(t, tablet.token, [recordFor({ email: 'family@example.com', mobile: '+491702222222', name: 'Tom Smith' }, ['sms'])]);
    // Sarah again, her name typed another way: still Sarah.
    await upload(t, tablet.token, [recordFor({ email: 'family@example.com', mobile: '', name: 'sarah  o’neil' }, [])]);
    const customers = rows<{ name: string; mobile: string; n: number }>(
      t,
      'SELECT c.name, c.mobile, COUNT(*) AS n FROM customers c JOIN record_customers rc ON rc.customer_id = c.id GROUP BY c.id ORDER BY c.mobile',
    );
    expect(customers).toEqual([
      { name: 'sarah  o’neil', mobile: '+491701111111', n: 2 },
      { name: 'Tom Smith', mobile: '+491702222222', n: 1 },
    ]);
    // Each one's consents sit under their own name.
    const events = rows(t, 'SELECT c.mobile, e.channel FROM consent_events e JOIN customers c ON c.id = e.customer_id ORDER BY c.mobile');
    expect(events).toEqual([
      { mobile: '+491701111111', channel: 'email' },
      { mobile: '+491702222222', channel: 'sms' },
    ]);
  });

  it("with 'email', a record without an e-mail address falls back to name and address, never to the mobile number", async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    await t.store.settings.setCustomerMatch({ match: 'email' });
    await upload(t, tablet.token, [recordFor({ email: 'x@example.com', mobile: '+491701111111', name: 'Anna Alt' }, [])]);
    await upload(t, tablet.token, [recordFor({ email: '', mobile: '+491701111111', name: 'Bert Bunt' }, [])]);
    expect(rows(t, 'SELECT name FROM customers ORDER BY name')).toEqual([{ name: 'Anna Alt' }, { name: 'Bert Bunt' }]);
  });

  it("with 'email-or-mobile', tries the e-mail address first, then the mobile number", async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    await upload(t, tablet.token, [recordFor({ email: 'first@example.com', mobile: '+491701111111', name: 'Erste' }, [])]);
    await upload(t, tablet.token, [recordFor({ email: 'second@example.com', mobile: '+491702222222', name: 'Zweite' }, [])]);
    // Unknown e-mail, known mobile: found by the mobile.
    await upload(t, tablet.token, [recordFor({ email: 'new@example.com', mobile: '+491701111111', name: 'Erste' }, [])]);
    // The e-mail names the second customer, the mobile the first: the e-mail wins.
    await upload(t, tablet.token, [recordFor({ email: 'second@example.com', mobile: '+491701111111', name: 'Zweite' }, [])]);
    expect(rows(t, 'SELECT c.name, COUNT(*) AS n FROM customers c JOIN record_customers rc ON rc.customer_id = c.id GROUP BY c.id ORDER BY c.name')).toEqual([
      { name: 'Erste', n: 2 },
      { name: 'Zweite', n: 2 },
    ]);
  });

  it('matches a customer with neither e-mail nor mobile by name, street and postal code, ignoring case', async () => {
    const t = await makeTestApp();
    const tablet = await enrolTablet(t);
    const letterOnly = { email: '', mobile: '', name: 'Erika Mustermann', street: 'Heidestraße 17', postalCode: '51147', city: 'Köln' };
    await upload(t, tablet.token, [recordFor(letterOnly, ['letter'])]);
    await upload(t, tablet.token, [recordFor({ ...letterOnly, name: 'ERIKA MUSTERMANN', street: 'HEIDESTRAßE 17' }, ['letter'])]);
    // Same name, another street: another person.
    await upload(t, tablet.token, [recordFor({ ...letterOnly, street: 'Heidestraße 18' }, [])]);
    // No mail without an address.
    expect(rows(t, 'SELECT COUNT(*) AS n FROM mail_outbox')).toEqual([{ n: 0 }]);
    const customers = rows(t, 'SELECT c.street, COUNT(*) AS n FROM customers c JOIN record_customers rc ON rc.customer_id = c.id GROUP BY c.id ORDER BY c.street');
    expect(customers).toEqual([
      { street: 'HEIDESTRAßE 17', n: 2 },
      { street: 'Heidestraße 18', n: 1 },
    ]);
    const letters = await t.store.consents.active({ channel: 'letter' });
    expect(letters).toHaveLength(1);
    expect(letters[0]!.contact).toBe('ERIKA MUSTERMANN, HEIDESTRAßE 17, 51147 Köln');
  });
});
