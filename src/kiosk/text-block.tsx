/** A shop text shown exactly as stored (and hashed): split into paragraphs on blank lines, nothing else. */
export function TextBlock(props: { text: string; id?: string; class?: string }) {
  return (
    <div id={props.id} class={`kiosk-text ${props.class ?? ''}`}>
      {props.text.split(/\n\s*\n/).map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
    </div>
  );
}
