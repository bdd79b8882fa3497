/**
 * After a refused "Weiter": the first invalid input gets the focus and is scrolled to the middle of
 * the screen, so its message beside it (role="alert", aria-describedby) is both seen and read out.
 * Waits a frame, because the input may only just have been rendered (a channel's field).
 */
export function focusInvalidField(id: string): void {
  requestAnimationFrame(() => {
    const field = document.getElementById(id);
    if (!field) return;
    field.focus({ preventScroll: true });
    // Centred, so the sticky Back/Next bar at the bottom never covers it or its message.
    field.scrollIntoView({ block: 'center', inline: 'nearest' });
  });
}
