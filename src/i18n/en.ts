/** Every English string of the app, in one file, with exactly the keys of de.ts. */
import type { MessageKey } from './de';

export const en: Record<MessageKey, string> = {
  // --- common ---
  'app.name': 'countersign',
  'common.language': 'Language',
  'common.switchLanguage': 'Deutsch',
  'common.next': 'Next',
  'common.back': 'Back',
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.close': 'Close',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.optional': 'optional',
  'common.loading': 'Loading …',

  // --- validation messages (keys come from shared/record.ts ErrorKey) ---
  'error.required': 'Please fill this in.',
  'error.tooLong': 'This text is too long.',
  'error.email': 'Please enter a valid e-mail address, e.g. name@example.com.',
  'error.mobile': 'Please enter a valid mobile number, e.g. +49 171 2345678.',
  'error.postalCode': 'Please enter a valid postcode.',
  'error.date': 'Please choose a valid date.',
  'error.quantity': 'The quantity must be a whole number from 1 to 999.',
  'error.price': 'Please enter a valid price, e.g. 129.90.',
  'error.depositAboveTotal': 'The deposit cannot be higher than the total.',
  'error.total': 'The total does not match the items.',
  'error.noItems': 'Please enter at least one item.',
  'error.channelContact': 'The contact detail for this channel is missing.',
  'error.signature': 'Please sign in the box.',
  'error.hash': 'The record is damaged.',
  'error.invalid': 'This entry is not valid.',
  'error.pin': 'The PIN must have 4 to 8 digits.',
  'error.duplicate': 'This record is already stored.',
  'error.storage': 'Saving failed. Nothing was stored. Please try again.',
  // --- PIN ---
  'pin.label': 'PIN',
  'pin.submit': 'Unlock',
  'pin.wrong': 'That PIN is not right. Please try again.',
  'pin.locked': 'Too many wrong tries. Please wait {seconds} seconds.',
  'pin.clear': 'Clear PIN',
  'pin.backspace': 'Delete last digit',
};
