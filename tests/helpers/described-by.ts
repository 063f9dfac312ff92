// What assistive technology reads as a control's description: the text of the elements its aria-describedby names,
// in that order, joined by spaces (the accessible description computation, for the plain text our hints are).

/** The control's description; "" when it names none. */
export function describedBy(control: HTMLElement): string {
  return (control.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
    .join(" ");
}
