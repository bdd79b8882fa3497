/** Form errors keyed by field path, each an i18n key: what schema issues become on screen. */
export type FieldErrors = Record<string, string>;

/** Keeps the first message per path; schemas may report several for one field. */
export function firstPerPath(issues: readonly { path: string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.path] ??= issue.message;
  return errors;
}
